//! Secrets Manager's errors and the one place they become AWS error codes.

use store::StoreError;
use wire::ApiError;

pub const NOT_FOUND: &str = "Secrets Manager can't find the specified secret.";
pub const MARKED_FOR_DELETION: &str =
    "You can't perform this operation on the secret because it was marked for deletion.";

#[derive(Debug, thiserror::Error)]
pub enum SmError {
    #[error("{0}")]
    ResourceNotFound(String),
    #[error("{0}")]
    ResourceExists(String),
    #[error("{0}")]
    InvalidParameter(String),
    #[error("{0}")]
    InvalidRequest(String),
    #[error("{0}")]
    MalformedPolicy(String),
    #[error("{0}")]
    PublicPolicy(String),
    #[error("The NextToken value is invalid.")]
    InvalidNextToken,
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl SmError {
    pub fn not_found() -> SmError {
        SmError::ResourceNotFound(NOT_FOUND.into())
    }
}

impl From<SmError> for ApiError {
    fn from(e: SmError) -> ApiError {
        let code = match &e {
            SmError::ResourceNotFound(_) => "ResourceNotFoundException",
            SmError::ResourceExists(_) => "ResourceExistsException",
            SmError::InvalidParameter(_) => "InvalidParameterException",
            SmError::InvalidRequest(_) => "InvalidRequestException",
            SmError::InvalidNextToken => "InvalidNextTokenException",
            SmError::MalformedPolicy(_) => "MalformedPolicyDocumentException",
            SmError::PublicPolicy(_) => "PublicPolicyException",
            SmError::Store(err) => {
                tracing::error!(error = %err, "secretsmanager state store failure");
                return ApiError::new(500, "InternalServiceError", "An error occurred on the server side.");
            }
        };
        ApiError::new(400, code, e.to_string())
    }
}

impl From<crate::password::InvalidSpec> for SmError {
    fn from(e: crate::password::InvalidSpec) -> SmError {
        SmError::InvalidParameter(e.0)
    }
}

pub type Result<T, E = SmError> = std::result::Result<T, E>;
