//! RDS's errors and the one place they become AWS error codes (the codes and texts RDS answers).

use store::StoreError;
use wire::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum RdsError {
    #[error("DB instance already exists")]
    DbInstanceAlreadyExists,
    #[error("DBInstance {0} not found.")]
    DbInstanceNotFound(String),
    #[error("{0}")]
    InvalidDbInstanceState(String),
    #[error("{0}")]
    InvalidParameterValue(String),
    #[error("{0}")]
    InvalidParameterCombination(String),
    #[error("DBSubnetGroup '{0}' not found.")]
    DbSubnetGroupNotFound(String),
    #[error("The DB subnet group '{0}' already exists.")]
    DbSubnetGroupAlreadyExists(String),
    #[error("{0}")]
    InvalidDbSubnetGroupState(String),
    #[error("{0}")]
    DbSubnetGroupDoesNotCoverEnoughAzs(String),
    #[error("{0}")]
    InvalidSubnet(String),
    #[error("Cannot create the snapshot because a snapshot with the identifier {0} already exists.")]
    DbSnapshotAlreadyExists(String),
    #[error("DBSnapshot {0} not found.")]
    DbSnapshotNotFound(String),
    #[error("{0}")]
    InvalidDbSnapshotState(String),
    #[error("DBParameterGroup not found: {0}")]
    DbParameterGroupNotFound(String),
    #[error("Parameter group already exists")]
    DbParameterGroupAlreadyExists,
    #[error("{0}")]
    InvalidDbParameterGroupState(String),
    #[error("{0}")]
    InvalidRestore(String),
    #[error("{0}")]
    Internal(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<RdsError> for ApiError {
    fn from(e: RdsError) -> ApiError {
        let (status, code) = match &e {
            RdsError::DbInstanceAlreadyExists => (400, "DBInstanceAlreadyExists"),
            RdsError::DbInstanceNotFound(_) => (404, "DBInstanceNotFound"),
            RdsError::InvalidDbInstanceState(_) => (400, "InvalidDBInstanceState"),
            RdsError::InvalidParameterValue(_) => (400, "InvalidParameterValue"),
            RdsError::InvalidParameterCombination(_) => (400, "InvalidParameterCombination"),
            RdsError::DbSubnetGroupNotFound(_) => (404, "DBSubnetGroupNotFoundFault"),
            RdsError::DbSubnetGroupAlreadyExists(_) => (400, "DBSubnetGroupAlreadyExists"),
            RdsError::InvalidDbSubnetGroupState(_) => (400, "InvalidDBSubnetGroupStateFault"),
            RdsError::DbSubnetGroupDoesNotCoverEnoughAzs(_) => (400, "DBSubnetGroupDoesNotCoverEnoughAZs"),
            RdsError::InvalidSubnet(_) => (400, "InvalidSubnet"),
            RdsError::DbSnapshotAlreadyExists(_) => (400, "DBSnapshotAlreadyExists"),
            RdsError::DbSnapshotNotFound(_) => (404, "DBSnapshotNotFound"),
            RdsError::InvalidDbSnapshotState(_) => (400, "InvalidDBSnapshotState"),
            RdsError::DbParameterGroupNotFound(_) => (404, "DBParameterGroupNotFound"),
            RdsError::DbParameterGroupAlreadyExists => (400, "DBParameterGroupAlreadyExists"),
            RdsError::InvalidDbParameterGroupState(_) => (400, "InvalidDBParameterGroupState"),
            RdsError::InvalidRestore(_) => (400, "InvalidRestoreFault"),
            RdsError::Internal(m) => {
                tracing::error!(error = %m, "rds internal failure");
                return ApiError::new(500, "InternalFailure", "An internal error has occurred.");
            }
            RdsError::Store(err) => {
                tracing::error!(error = %err, "rds state store failure");
                return ApiError::new(500, "InternalFailure", "An internal error has occurred.");
            }
        };
        ApiError::new(status, code, e.to_string())
    }
}

pub type Result<T, E = RdsError> = std::result::Result<T, E>;
