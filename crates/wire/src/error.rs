//! The one error every service returns to the wire layer: an AWS error code, its HTTP status,
//! whose fault it is, and a message. Each service maps its own typed errors into this in one
//! place (its `error.rs`); the protocol encoders turn it into the envelope of the protocol.

use std::borrow::Cow;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: Cow<'static, str>,
    pub message: String,
    pub status: u16,
    /// `Sender` (the client's fault) or `Receiver` (ours) in the query envelope.
    pub sender_fault: bool,
}

impl ApiError {
    pub fn new(status: u16, code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        ApiError { code: code.into(), message: message.into(), status, sender_fault: status < 500 }
    }

    /// 400 ValidationError, the awsQuery/JSON code for a constraint failure.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(400, "ValidationError", message)
    }

    pub fn invalid_parameter_value(message: impl Into<String>) -> Self {
        Self::new(400, "InvalidParameterValue", message)
    }

    pub fn missing_parameter(message: impl Into<String>) -> Self {
        Self::new(400, "MissingParameter", message)
    }

    pub fn access_denied(message: impl Into<String>) -> Self {
        Self::new(403, "AccessDenied", message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(500, "InternalFailure", message)
    }

    /// The request body or query string could not be read as the protocol requires.
    pub fn malformed(message: impl Into<String>) -> Self {
        Self::new(400, "MalformedQueryString", message)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.status, self.message)
    }
}

impl std::error::Error for ApiError {}
