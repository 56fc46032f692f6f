//! Auto Scaling's errors and the one place they become AWS error codes.

use store::StoreError;
use wire::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum AsgError {
    /// A client error with Auto Scaling's code (`ValidationError`, `AlreadyExists`,
    /// `LimitExceeded`, `ResourceInUse`, `ScalingActivityInProgress` …), all HTTP 400.
    #[error("{1}")]
    Client(&'static str, String),
    /// An error another service answered with, passed on as it was.
    #[error("{0:?}")]
    Peer(ApiError),
    #[error("{0}")]
    Internal(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl AsgError {
    pub fn validation(msg: impl Into<String>) -> AsgError {
        AsgError::Client("ValidationError", msg.into())
    }

    /// The message alone (another service's, as it gave it), for texts that quote it.
    pub fn message(&self) -> String {
        match self {
            AsgError::Peer(p) => p.message.clone(),
            other => other.to_string(),
        }
    }
}

impl From<AsgError> for ApiError {
    fn from(e: AsgError) -> ApiError {
        match e {
            AsgError::Client(code, msg) => ApiError::new(400, code, msg),
            AsgError::Peer(e) => e,
            AsgError::Internal(m) => {
                tracing::error!(error = %m, "autoscaling internal failure");
                ApiError::new(500, "InternalFailure", "An internal error has occurred")
            }
            AsgError::Store(err) => {
                tracing::error!(error = %err, "autoscaling state store failure");
                ApiError::new(500, "InternalFailure", "An internal error has occurred")
            }
        }
    }
}

pub type Result<T, E = AsgError> = std::result::Result<T, E>;
