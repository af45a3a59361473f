/// What can go wrong in the store, in terms the API can map to stable codes.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error("database error")]
    Database(#[source] sqlx::Error),
}

impl StoreError {
    pub fn not_found(what: impl Into<String>) -> Self {
        StoreError::NotFound(what.into())
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        if let Some(db) = err.as_database_error() {
            if db.is_unique_violation() {
                return StoreError::Conflict(format!(
                    "a record with the same key already exists ({})",
                    db.constraint().unwrap_or("unique key")
                ));
            }
            if db.is_foreign_key_violation() {
                return StoreError::Invalid("a referenced record does not exist".into());
            }
            if db.is_check_violation() {
                return StoreError::Invalid("a value is outside its allowed range".into());
            }
        }
        if matches!(err, sqlx::Error::RowNotFound) {
            return StoreError::NotFound("record".into());
        }
        StoreError::Database(err)
    }
}

impl From<std::convert::Infallible> for StoreError {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}
