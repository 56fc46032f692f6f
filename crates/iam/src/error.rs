//! IAM's and STS's errors, and the one place they become AWS error codes.

use store::StoreError;
use wire::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum IamError {
    #[error("{0}")]
    NoSuchEntity(String),
    #[error("{0}")]
    EntityAlreadyExists(String),
    #[error("{0}")]
    DeleteConflict(String),
    #[error("{0}")]
    LimitExceeded(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0}")]
    MalformedPolicyDocument(String),
    #[error("{0}")]
    PolicyNotAttachable(String),
    #[error("{0}")]
    MalformedCertificate(String),
    #[error("{0}")]
    PasswordPolicyViolation(String),
    #[error("{0}")]
    AccessDenied(String),
    #[error("{0}")]
    Validation(String),
    /// STS: the role or token cannot be used.
    #[error("{0}")]
    ExpiredToken(String),
    #[error("{0}")]
    InvalidClientTokenId(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<IamError> for ApiError {
    fn from(e: IamError) -> ApiError {
        let (status, code) = match &e {
            IamError::NoSuchEntity(_) => (404, "NoSuchEntity"),
            IamError::EntityAlreadyExists(_) => (409, "EntityAlreadyExists"),
            IamError::DeleteConflict(_) => (409, "DeleteConflict"),
            IamError::LimitExceeded(_) => (409, "LimitExceeded"),
            IamError::InvalidInput(_) => (400, "InvalidInput"),
            IamError::MalformedPolicyDocument(_) => (400, "MalformedPolicyDocument"),
            IamError::PolicyNotAttachable(_) => (400, "PolicyNotAttachable"),
            IamError::MalformedCertificate(_) => (400, "MalformedCertificate"),
            IamError::PasswordPolicyViolation(_) => (400, "PasswordPolicyViolation"),
            IamError::AccessDenied(_) => (403, "AccessDenied"),
            IamError::Validation(_) => (400, "ValidationError"),
            IamError::ExpiredToken(_) => (400, "ExpiredToken"),
            IamError::InvalidClientTokenId(_) => (403, "InvalidClientTokenId"),
            IamError::Store(err) => {
                tracing::error!(error = %err, "state store failure");
                return ApiError::new(
                    500,
                    "ServiceFailure",
                    "The request processing has failed because of an unknown error, exception or failure.",
                );
            }
        };
        ApiError::new(status, code, e.to_string())
    }
}

pub type Result<T, E = IamError> = std::result::Result<T, E>;
