//! CloudFormation's errors and the one place they become AWS error codes.

use store::StoreError;
use wire::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum CfnError {
    /// The catch-all client error ("Stack with id X does not exist", template errors…).
    #[error("{0}")]
    Validation(String),
    #[error("Stack [{0}] already exists")]
    AlreadyExists(String),
    #[error("ChangeSet [{0}] already exists")]
    ChangeSetAlreadyExists(String),
    #[error("Requires capabilities : [{0}]")]
    InsufficientCapabilities(String),
    #[error("ChangeSet [{0}] does not exist")]
    ChangeSetNotFound(String),
    #[error("{0}")]
    InvalidChangeSetStatus(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<CfnError> for ApiError {
    fn from(e: CfnError) -> ApiError {
        match &e {
            CfnError::Validation(_) => ApiError::new(400, "ValidationError", e.to_string()),
            CfnError::AlreadyExists(_) => ApiError::new(400, "AlreadyExistsException", e.to_string()),
            CfnError::ChangeSetAlreadyExists(_) => ApiError::new(400, "AlreadyExistsException", e.to_string()),
            CfnError::InsufficientCapabilities(_) => {
                ApiError::new(400, "InsufficientCapabilitiesException", e.to_string())
            }
            CfnError::ChangeSetNotFound(_) => ApiError::new(404, "ChangeSetNotFound", e.to_string()),
            CfnError::InvalidChangeSetStatus(_) => ApiError::new(400, "InvalidChangeSetStatus", e.to_string()),
            CfnError::Store(err) => {
                tracing::error!(error = %err, "cloudformation state store failure");
                ApiError::new(500, "InternalFailure", "Internal error")
            }
        }
    }
}

pub type Result<T, E = CfnError> = std::result::Result<T, E>;
