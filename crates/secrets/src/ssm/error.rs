//! Parameter Store's errors and the one place they become AWS error codes.

use store::StoreError;
use wire::ApiError;

pub const ALREADY_EXISTS: &str =
    "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.";

#[derive(Debug, thiserror::Error)]
pub enum SsmError {
    /// AWS answers a missing parameter with an empty message.
    #[error("")]
    ParameterNotFound,
    #[error("{ALREADY_EXISTS}")]
    ParameterAlreadyExists,
    #[error("Systems Manager could not find version {1} of {0}. Verify the version and try again.")]
    ParameterVersionNotFound(String, String),
    #[error("Systems Manager could not find label {1} for parameter {0}. Verify the label and try again.")]
    ParameterVersionLabelNotFound(String, String),
    #[error(
        "A parameter version can have maximum 10 labels. Move one or more labels to another version and try again."
    )]
    ParameterVersionLabelLimitExceeded,
    #[error("{0}")]
    Validation(String),
    #[error("A hierarchy can have a maximum of 15 levels.")]
    HierarchyLevelLimitExceeded,
    #[error("{0}")]
    ParameterPatternMismatch(String),
    #[error("{0}")]
    InvalidAllowedPattern(String),
    #[error("{0}")]
    InvalidFilterKey(String),
    #[error("{0}")]
    InvalidFilterOption(String),
    #[error("The specified token is not valid.")]
    InvalidNextToken,
    #[error("The resource ID is not valid. Verify that you entered the correct ID and try again.")]
    InvalidResourceId,
    #[error("The resource type is not valid for tagging. Use Parameter.")]
    InvalidResourceType,
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<SsmError> for ApiError {
    fn from(e: SsmError) -> ApiError {
        let code = match &e {
            SsmError::ParameterNotFound => "ParameterNotFound",
            SsmError::ParameterAlreadyExists => "ParameterAlreadyExists",
            SsmError::ParameterVersionNotFound(..) => "ParameterVersionNotFound",
            SsmError::ParameterVersionLabelNotFound(..) => "ParameterVersionLabelNotFound",
            SsmError::ParameterVersionLabelLimitExceeded => "ParameterVersionLabelLimitExceeded",
            SsmError::Validation(_) => "ValidationException",
            SsmError::HierarchyLevelLimitExceeded => "HierarchyLevelLimitExceededException",
            SsmError::ParameterPatternMismatch(_) => "ParameterPatternMismatchException",
            SsmError::InvalidAllowedPattern(_) => "InvalidAllowedPatternException",
            SsmError::InvalidFilterKey(_) => "InvalidFilterKey",
            SsmError::InvalidFilterOption(_) => "InvalidFilterOption",
            SsmError::InvalidNextToken => "InvalidNextToken",
            SsmError::InvalidResourceId => "InvalidResourceId",
            SsmError::InvalidResourceType => "InvalidResourceType",
            SsmError::Store(err) => {
                tracing::error!(error = %err, "ssm state store failure");
                return ApiError::new(500, "InternalServerError", "An internal error occurred.");
            }
        };
        ApiError::new(400, code, e.to_string())
    }
}

pub type Result<T, E = SsmError> = std::result::Result<T, E>;
