/// What can go wrong in the store, in terms the API can map to stable codes.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    /// A write named a record that does not exist (a foreign key).
    #[error("{0} does not exist")]
    MissingReference(String),
    #[error("database error")]
    Database(#[source] sqlx::Error),
}

impl StoreError {
    pub fn not_found(what: impl Into<String>) -> Self {
        StoreError::NotFound(what.into())
    }
}

/// For `map_err` after a write: a missing referenced record becomes
/// "`what` not found", in the caller's words; other errors pass.
pub fn missing(what: impl Into<String>) -> impl FnOnce(StoreError) -> StoreError {
    move |e| match e {
        StoreError::MissingReference(_) => StoreError::NotFound(what.into()),
        other => other,
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        if let Some(db) = err.as_database_error() {
            if db.is_unique_violation() {
                // PostgreSQL names the constraint; SQLite names the columns
                // in its message ("UNIQUE constraint failed: t.c").
                return StoreError::Conflict(format!(
                    "a record with the same key already exists ({})",
                    db.constraint().unwrap_or(db.message())
                ));
            }
            if db.is_foreign_key_violation() {
                return StoreError::MissingReference("a referenced record".into());
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
