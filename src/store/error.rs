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

    /// Whether the database, rather than the request, is the trouble: it
    /// cannot be reached just now, has no room left to write, or is busy.
    pub fn unavailable(&self) -> Option<Unavailable> {
        match self {
            StoreError::Database(e) => unavailable(e),
            _ => None,
        }
    }
}

/// Why the database cannot do what was asked now, whatever was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// The connection was lost or refused, or none came free in time.
    Unreachable,
    /// The disk holding the database is full.
    DiskFull,
    /// Other work held the database longer than a write may wait (SQLite's lock).
    Busy,
}

impl Unavailable {
    /// What the person asking is told.
    pub fn message(self) -> &'static str {
        match self {
            // Not "this was not done": a write may have been committed just
            // before the connection was lost, so the client should look
            // before repeating it.
            Unavailable::Unreachable => {
                "the database cannot be reached just now; try again shortly (check first whether a change you made was saved)"
            }
            Unavailable::DiskFull => {
                "the database's disk is full, so nothing can be written (what is stored can still be read); \
                 an operator must free space"
            }
            Unavailable::Busy => {
                "the database is busy with other work; try again shortly (check first whether a change you made was saved)"
            }
        }
    }
}

/// Sorts a sqlx error into "the database is unavailable" (and why) or not.
fn unavailable(err: &sqlx::Error) -> Option<Unavailable> {
    match err {
        // No connection came free in time: the server is overloaded, or the
        // database stopped answering while connections were being made.
        sqlx::Error::PoolTimedOut => Some(Unavailable::Busy),
        sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => Some(Unavailable::Unreachable),
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            if db
                .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                .is_some()
            {
                postgres_unavailable(&code)
            } else if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                // Extended result codes: the primary one is the low byte.
                match code.parse::<i32>().map_or(0, |c| c & 0xff) {
                    SQLITE_FULL => Some(Unavailable::DiskFull),
                    SQLITE_BUSY | SQLITE_LOCKED => Some(Unavailable::Busy),
                    _ => None,
                }
            } else {
                None
            }
        }
        _ => None,
    }
}

/// `SQLITE_FULL`: a write needed space the disk does not have.
const SQLITE_FULL: i32 = 13;
/// `SQLITE_BUSY` and `SQLITE_LOCKED`: another connection held a lock past
/// the busy timeout (or where waiting could deadlock, at once).
const SQLITE_BUSY: i32 = 5;
const SQLITE_LOCKED: i32 = 6;

/// PostgreSQL's SQLSTATEs that say the server, not the statement, is at fault.
fn postgres_unavailable(code: &str) -> Option<Unavailable> {
    match code {
        "53100" => Some(Unavailable::DiskFull), // disk_full
        // protocol_violation is a bug, not an outage: retrying will not help.
        "08P01" => None,
        // Class 08, connection exceptions; admin_shutdown (pg_terminate_backend),
        // crash_shutdown, cannot_connect_now, database_dropped;
        // too_many_connections; read_only_sql_transaction (a standby after a
        // failover, until connections reach the new primary); and
        // object_not_in_prerequisite_state, which is what connecting to a
        // database that does not allow connections gives.
        c if c.starts_with("08") => Some(Unavailable::Unreachable),
        "57P01" | "57P02" | "57P03" | "57P04" | "53300" | "25006" | "55000" => {
            Some(Unavailable::Unreachable)
        }
        // serialization_failure, deadlock_detected: another transaction won.
        "40001" | "40P01" => Some(Unavailable::Busy),
        _ => None,
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
