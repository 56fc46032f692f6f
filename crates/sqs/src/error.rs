//! SQS's errors and the one place they become AWS error codes. The code is the error shape's
//! name (what botocore names the exception after); the wire layer puts SQS's query code
//! (`AWS.SimpleQueueService.NonExistentQueue` …) in the `x-amzn-query-error` header from the
//! model, as SQS does.

use store::StoreError;
use wire::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum SqsError {
    #[error("The specified queue does not exist.")]
    QueueDoesNotExist,
    #[error("A queue already exists with the same name and a different value for attribute {0}")]
    QueueNameExists(String),
    #[error("The input receipt handle \"{0}\" is not a valid receipt handle.")]
    ReceiptHandleIsInvalid(String),
    #[error("{0}")]
    InvalidAttributeName(String),
    #[error("{0}")]
    InvalidAttributeValue(String),
    #[error("{0}")]
    InvalidParameterValue(String),
    #[error("The request must contain the parameter {0}.")]
    MissingParameter(String),
    #[error("{0}")]
    InvalidAddress(String),
    #[error("The message referred to isn't in flight.")]
    MessageNotInflight,
    #[error("Only one PurgeQueue operation on {0} is allowed every 60 seconds.")]
    PurgeQueueInProgress(String),
    #[error("There should be at least one {0} in the request.")]
    EmptyBatchRequest(String),
    #[error("Maximum number of entries per request are 10. You have sent {0}.")]
    TooManyEntriesInBatchRequest(usize),
    #[error("Id {0} repeated.")]
    BatchEntryIdsNotDistinct(String),
    #[error("A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.")]
    InvalidBatchEntryId,
    #[error("Batch requests cannot be longer than 1048576 bytes. You have sent {0} bytes.")]
    BatchRequestTooLong(usize),
    #[error("Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF")]
    InvalidMessageContents,
    #[error("{0}")]
    UnsupportedOperation(String),
    #[error("{0}")]
    ResourceNotFound(String),
    #[error("{0}")]
    Internal(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl SqsError {
    /// The code a batch result's failed entry carries (SQS's query codes).
    pub fn entry_code(&self) -> &'static str {
        match self {
            SqsError::QueueDoesNotExist => "AWS.SimpleQueueService.NonExistentQueue",
            SqsError::ReceiptHandleIsInvalid(_) => "ReceiptHandleIsInvalid",
            SqsError::InvalidParameterValue(_) => "InvalidParameterValue",
            SqsError::InvalidAttributeValue(_) => "InvalidAttributeValue",
            SqsError::InvalidAttributeName(_) => "InvalidAttributeName",
            SqsError::MessageNotInflight => "AWS.SimpleQueueService.MessageNotInflight",
            SqsError::InvalidMessageContents => "InvalidMessageContents",
            SqsError::MissingParameter(_) => "MissingParameter",
            SqsError::Internal(_) | SqsError::Store(_) => "InternalError",
            _ => "InvalidParameterValue",
        }
    }

    pub fn sender_fault(&self) -> bool {
        !matches!(self, SqsError::Internal(_) | SqsError::Store(_))
    }
}

impl From<SqsError> for ApiError {
    fn from(e: SqsError) -> ApiError {
        let code = match &e {
            SqsError::QueueDoesNotExist => "QueueDoesNotExist",
            SqsError::QueueNameExists(_) => "QueueNameExists",
            SqsError::ReceiptHandleIsInvalid(_) => "ReceiptHandleIsInvalid",
            SqsError::InvalidAttributeName(_) => "InvalidAttributeName",
            SqsError::InvalidAttributeValue(_) => "InvalidAttributeValue",
            SqsError::InvalidParameterValue(_) => "InvalidParameterValue",
            SqsError::MissingParameter(_) => "MissingParameter",
            SqsError::InvalidAddress(_) => "InvalidAddress",
            SqsError::MessageNotInflight => "MessageNotInflight",
            SqsError::PurgeQueueInProgress(_) => "PurgeQueueInProgress",
            SqsError::EmptyBatchRequest(_) => "EmptyBatchRequest",
            SqsError::TooManyEntriesInBatchRequest(_) => "TooManyEntriesInBatchRequest",
            SqsError::BatchEntryIdsNotDistinct(_) => "BatchEntryIdsNotDistinct",
            SqsError::InvalidBatchEntryId => "InvalidBatchEntryId",
            SqsError::BatchRequestTooLong(_) => "BatchRequestTooLong",
            SqsError::InvalidMessageContents => "InvalidMessageContents",
            SqsError::UnsupportedOperation(_) => "UnsupportedOperation",
            SqsError::ResourceNotFound(_) => "ResourceNotFoundException",
            SqsError::Internal(m) => {
                tracing::error!(error = %m, "sqs internal failure");
                return ApiError::new(500, "InternalError", "We encountered an internal error. Please try again.");
            }
            SqsError::Store(err) => {
                tracing::error!(error = %err, "sqs state store failure");
                return ApiError::new(500, "InternalError", "We encountered an internal error. Please try again.");
            }
        };
        ApiError::new(400, code, e.to_string())
    }
}

pub type Result<T, E = SqsError> = std::result::Result<T, E>;
