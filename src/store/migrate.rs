//! Applying migrations, and leaving them alone when they are all applied.
//!
//! On PostgreSQL the server may run as a role that owns nothing and may not
//! create tables (`docs/audit.md`); it only checks that the owner already
//! applied every migration (`tacit migrate`, or `--migrate-database-url`).

use sqlx::migrate::Migrator;

/// True when `applied` (version, checksum) holds exactly the migrations of
/// `migrator` with the same checksums, so running them would change nothing.
/// Anything else (pending, edited or unknown migrations) goes to sqlx, which
/// applies or refuses as it always did.
pub(super) fn all_applied(migrator: &Migrator, applied: &[(i64, Vec<u8>)]) -> bool {
    let known = |v: i64| migrator.iter().any(|m| m.version == v);
    migrator.iter().all(|m| {
        applied
            .iter()
            .any(|(v, sum)| *v == m.version && sum.as_slice() == &*m.checksum)
    }) && applied.iter().all(|(v, _)| known(*v))
}

/// What went wrong, with the way out when the role may not change the schema.
pub(super) fn explain(err: sqlx::migrate::MigrateError) -> anyhow::Error {
    let text = err.to_string();
    if text.contains("permission denied") || text.contains("must be owner") {
        anyhow::anyhow!(
            "cannot apply database migrations as this role ({text}); apply them as the \
             owner role with `tacit migrate --migrate-database-url …` or give the server \
             --migrate-database-url (docs/audit.md)"
        )
    } else {
        anyhow::Error::new(err).context("applying database migrations")
    }
}
