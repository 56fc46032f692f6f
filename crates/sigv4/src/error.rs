//! Errors of parsing and verification, each carrying its AWS error code,
//! HTTP status and AWS-worded message.

use thiserror::Error;

const MISSING_TOKEN_TEXT: &str = "Request is missing Authentication Token";
const INVALID_CLIENT_TOKEN_TEXT: &str = "The security token included in the request is invalid.";
const SHA256_MISMATCH_TEXT: &str = "The provided 'x-amz-content-sha256' header does not match what was computed.";

/// First sentence of every `SignatureDoesNotMatch` caused by a wrong signature.
pub const SIGNATURE_MISMATCH_TEXT: &str = "The request signature we calculated does not match \
the signature you provided. Check your AWS Secret Access Key and signing method. Consult the \
service documentation for details.";

/// Why a request's SigV4 authentication was rejected.
///
/// | variant | `code()` | `http_status()` |
/// |---|---|---|
/// | `MissingAuthenticationToken` | `MissingAuthenticationToken` | 403 |
/// | `IncompleteSignature` | `IncompleteSignature` | 400 |
/// | `SignatureDoesNotMatch` | `SignatureDoesNotMatch` | 403 |
/// | `SignatureExpired` (clock skew > 15 min) | `SignatureDoesNotMatch` | 403 |
/// | `RequestExpired` (presigned URL past `X-Amz-Expires`) | `RequestExpired` | 400 |
/// | `InvalidClientTokenId` | `InvalidClientTokenId` | 403 |
/// | `XAmzContentSha256Mismatch` | `XAmzContentSHA256Mismatch` | 400 |
///
/// Statuses follow the "Common Errors" tables of the STS/IAM API references.
/// The codes are those of the query protocol; JSON-protocol front ends map
/// them to their `…Exception` names themselves.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SigError {
    /// No authentication information at all (the caller returns this when
    /// [`crate::parse`] yields `Ok(None)` for an operation that needs auth).
    #[error("{MISSING_TOKEN_TEXT}")]
    MissingAuthenticationToken,
    /// Malformed or incomplete `Authorization` header / query parameters.
    #[error("{0}")]
    IncompleteSignature(String),
    /// Wrong signature (message includes the canonical request and the
    /// string to sign, as AWS query services do), wrong credential date,
    /// a signed header absent from the request, or a credential scoped to
    /// another region/service.
    #[error("{0}")]
    SignatureDoesNotMatch(String),
    /// `X-Amz-Date` more than 15 minutes away from the server clock
    /// ("Signature expired: …" / "Signature not yet current: …").
    #[error("{0}")]
    SignatureExpired(String),
    /// Presigned request used after `X-Amz-Date + X-Amz-Expires`.
    #[error("{0}")]
    RequestExpired(String),
    /// Unknown access key id (returned by the caller after its key lookup).
    #[error("{INVALID_CLIENT_TOKEN_TEXT}")]
    InvalidClientTokenId,
    /// `x-amz-content-sha256` is neither `UNSIGNED-PAYLOAD` nor the body hash.
    #[error("{SHA256_MISMATCH_TEXT}")]
    XAmzContentSha256Mismatch,
}

impl SigError {
    /// The AWS error code (`<Code>` / `__type`).
    pub fn code(&self) -> &'static str {
        match self {
            SigError::MissingAuthenticationToken => "MissingAuthenticationToken",
            SigError::IncompleteSignature(_) => "IncompleteSignature",
            SigError::SignatureDoesNotMatch(_) | SigError::SignatureExpired(_) => "SignatureDoesNotMatch",
            SigError::RequestExpired(_) => "RequestExpired",
            SigError::InvalidClientTokenId => "InvalidClientTokenId",
            SigError::XAmzContentSha256Mismatch => "XAmzContentSHA256Mismatch",
        }
    }

    /// The AWS error message (`<Message>` / `message`).
    pub fn message(&self) -> &str {
        match self {
            SigError::MissingAuthenticationToken => MISSING_TOKEN_TEXT,
            SigError::IncompleteSignature(m)
            | SigError::SignatureDoesNotMatch(m)
            | SigError::SignatureExpired(m)
            | SigError::RequestExpired(m) => m,
            SigError::InvalidClientTokenId => INVALID_CLIENT_TOKEN_TEXT,
            SigError::XAmzContentSha256Mismatch => SHA256_MISMATCH_TEXT,
        }
    }

    /// The HTTP status AWS answers with.
    pub fn http_status(&self) -> u16 {
        match self {
            SigError::IncompleteSignature(_) | SigError::RequestExpired(_) | SigError::XAmzContentSha256Mismatch => 400,
            SigError::MissingAuthenticationToken
            | SigError::SignatureDoesNotMatch(_)
            | SigError::SignatureExpired(_)
            | SigError::InvalidClientTokenId => 403,
        }
    }
}
