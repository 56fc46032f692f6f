//! SNS's errors and the one place they become AWS error codes.

use store::StoreError;
use wire::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum SnsError {
    #[error("Invalid parameter: {0}")]
    InvalidParameter(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    AuthorizationError(String),
    /// A tagging call's resource that does not exist.
    #[error("{0}")]
    ResourceNotFound(String),
    #[error("{0}")]
    TagLimitExceeded(String),
    #[error("{0}")]
    Internal(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<SnsError> for ApiError {
    fn from(e: SnsError) -> ApiError {
        match &e {
            SnsError::InvalidParameter(_) => ApiError::new(400, "InvalidParameter", e.to_string()),
            SnsError::NotFound(_) => ApiError::new(404, "NotFound", e.to_string()),
            SnsError::AuthorizationError(_) => ApiError::new(403, "AuthorizationError", e.to_string()),
            SnsError::ResourceNotFound(_) => ApiError::new(404, "ResourceNotFound", e.to_string()),
            SnsError::TagLimitExceeded(_) => ApiError::new(400, "TagLimitExceeded", e.to_string()),
            SnsError::Internal(m) => {
                tracing::error!(error = %m, "sns internal failure");
                ApiError::new(500, "InternalError", "Internal error")
            }
            SnsError::Store(err) => {
                tracing::error!(error = %err, "sns state store failure");
                ApiError::new(500, "InternalError", "Internal error")
            }
        }
    }
}

pub type Result<T, E = SnsError> = std::result::Result<T, E>;
