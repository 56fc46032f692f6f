//! EC2's errors and the one place they become AWS error codes. EC2 answers every client error
//! with HTTP 400 and a dotted code (`InvalidAMIID.NotFound`).

use store::StoreError;
use wire::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum Ec2Error {
    /// `Invalid<Thing>.NotFound` / `.Malformed` and other dotted client codes.
    #[error("{1}")]
    Client(&'static str, String),
    #[error("{0}")]
    InvalidParameterValue(String),
    #[error("{0}")]
    InvalidParameterCombination(String),
    #[error("{0}")]
    InvalidParameter(String),
    #[error("{0}")]
    MissingParameter(String),
    #[error("{0}")]
    IncorrectInstanceState(String),
    #[error("Request would have succeeded, but DryRun flag is set.")]
    DryRunOperation,
    #[error("{0}")]
    Unsupported(String),
    #[error("{0}")]
    Internal(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl Ec2Error {
    /// The answer for an id that names nothing: `.NotFound`, or `.Malformed` where AWS checks the
    /// id's shape first (VPC, subnet, internet gateway and route table ids).
    pub fn not_found(code: &'static str, what: &str, id: &str) -> Ec2Error {
        let shape = match code {
            "InvalidVpcID.NotFound" => Some(("vpc", "InvalidVpcID.Malformed")),
            "InvalidSubnetID.NotFound" => Some(("subnet", "InvalidSubnetID.Malformed")),
            // AWS's casing differs between the two codes of one resource (its error list).
            "InvalidInternetGatewayID.NotFound" => Some(("igw", "InvalidInternetGatewayId.Malformed")),
            "InvalidRouteTableID.NotFound" => Some(("rtb", "InvalidRouteTableId.Malformed")),
            _ => None,
        };
        match shape {
            Some((prefix, malformed)) if !crate::ids::well_formed(prefix, id) => {
                Ec2Error::malformed(malformed, prefix, id)
            }
            _ => Ec2Error::Client(code, format!("The {what} '{id}' does not exist")),
        }
    }

    /// AWS's `.Malformed` answer for an id that is not `<prefix>-` and hex digits.
    pub fn malformed(code: &'static str, prefix: &str, id: &str) -> Ec2Error {
        Ec2Error::Client(code, format!("Invalid id: \"{id}\" (expecting \"{prefix}-...\")"))
    }
}

impl From<Ec2Error> for ApiError {
    fn from(e: Ec2Error) -> ApiError {
        let code = match &e {
            Ec2Error::Client(code, _) => code,
            Ec2Error::InvalidParameterValue(_) => "InvalidParameterValue",
            Ec2Error::InvalidParameterCombination(_) => "InvalidParameterCombination",
            Ec2Error::InvalidParameter(_) => "InvalidParameter",
            Ec2Error::MissingParameter(_) => "MissingParameter",
            Ec2Error::IncorrectInstanceState(_) => "IncorrectInstanceState",
            Ec2Error::DryRunOperation => {
                return ApiError::new(412, "DryRunOperation", e.to_string());
            }
            Ec2Error::Unsupported(_) => "UnsupportedOperation",
            Ec2Error::Internal(m) => {
                tracing::error!(error = %m, "ec2 internal failure");
                return ApiError::new(500, "InternalError", "An internal error has occurred");
            }
            Ec2Error::Store(err) => {
                tracing::error!(error = %err, "ec2 state store failure");
                return ApiError::new(500, "InternalError", "An internal error has occurred");
            }
        };
        ApiError::new(400, code.to_string(), e.to_string())
    }
}

pub type Result<T, E = Ec2Error> = std::result::Result<T, E>;
