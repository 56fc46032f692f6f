//! CloudWatch's errors and the one place they become AWS error codes (the awsQuery codes,
//! which the JSON and CBOR protocols also report through `x-amzn-query-error`).

use store::StoreError;
use wire::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum CwError {
    #[error("{0}")]
    InvalidParameterValue(String),
    #[error("{0}")]
    InvalidParameterCombination(String),
    #[error("{0}")]
    MissingParameter(String),
    #[error("{0}")]
    Validation(String),
    #[error("{0}")]
    ResourceNotFound(String),
    /// A tagging call's resource that does not exist (`ResourceNotFoundException`, unlike the
    /// alarm operations' `ResourceNotFound`).
    #[error("{0}")]
    NoSuchResource(String),
    #[error("{0}")]
    LimitExceeded(String),
    #[error("{0}")]
    InvalidNextToken(String),
    #[error("{0}")]
    InvalidFormat(String),
    #[error("{0}")]
    Internal(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<CwError> for ApiError {
    fn from(e: CwError) -> ApiError {
        let code = match &e {
            CwError::InvalidParameterValue(_) => "InvalidParameterValue",
            CwError::InvalidParameterCombination(_) => "InvalidParameterCombination",
            CwError::MissingParameter(_) => "MissingParameter",
            CwError::Validation(_) => "ValidationError",
            CwError::ResourceNotFound(_) => {
                return ApiError::new(404, "ResourceNotFound", e.to_string());
            }
            CwError::NoSuchResource(_) => {
                return ApiError::new(404, "ResourceNotFoundException", e.to_string());
            }
            CwError::LimitExceeded(_) => "LimitExceeded",
            CwError::InvalidNextToken(_) => "InvalidNextToken",
            CwError::InvalidFormat(_) => "InvalidFormat",
            CwError::Internal(m) => {
                tracing::error!(error = %m, "cloudwatch internal failure");
                return ApiError::new(500, "InternalServiceError", "Internal service error");
            }
            CwError::Store(err) => {
                tracing::error!(error = %err, "cloudwatch state store failure");
                return ApiError::new(500, "InternalServiceError", "Internal service error");
            }
        };
        ApiError::new(400, code, e.to_string())
    }
}

pub type Result<T, E = CwError> = std::result::Result<T, E>;
