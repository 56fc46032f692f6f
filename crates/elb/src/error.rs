//! ELBv2's errors and the one place they become AWS error codes (all client errors are 400).

use store::StoreError;
use wire::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum ElbError {
    /// A client error with ELBv2's code (`TargetGroupNotFound`, `PriorityInUse` …).
    #[error("{1}")]
    Client(&'static str, String),
    #[error("{0}")]
    Internal(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl ElbError {
    pub fn validation(msg: impl Into<String>) -> ElbError {
        ElbError::Client("ValidationError", msg.into())
    }
}

impl From<ElbError> for ApiError {
    fn from(e: ElbError) -> ApiError {
        match e {
            ElbError::Client(code, msg) => ApiError::new(400, code, msg),
            ElbError::Internal(m) => {
                tracing::error!(error = %m, "elb internal failure");
                ApiError::new(500, "InternalFailure", "An internal error has occurred")
            }
            ElbError::Store(err) => {
                tracing::error!(error = %err, "elb state store failure");
                ApiError::new(500, "InternalFailure", "An internal error has occurred")
            }
        }
    }
}

pub type Result<T, E = ElbError> = std::result::Result<T, E>;
