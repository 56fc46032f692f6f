//! Cost Explorer's errors, as it names them (HTTP 400 both).

use wire::ApiError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CeError {
    /// A bad date, period, granularity, metric, dimension or expression.
    Validation(String),
    /// No data to answer from (a forecast without history, or of the past).
    DataUnavailable(String),
}

impl From<CeError> for ApiError {
    fn from(e: CeError) -> ApiError {
        match e {
            CeError::Validation(m) => ApiError::new(400, "ValidationException", m),
            CeError::DataUnavailable(m) => ApiError::new(400, "DataUnavailableException", m),
        }
    }
}
