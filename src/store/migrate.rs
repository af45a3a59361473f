//! Applying migrations, and leaving them alone when they are all applied.
//!
//! On PostgreSQL the server may run as a role that owns nothing and may not
//! create tables (`docs/audit.md`); it only checks that the owner already
//! applied every migration (`tacit migrate`, or `--migrate-database-url`).

use sqlx::migrate::Migrator;

use super::sql::words;
use crate::domain::InterviewStatus;

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

/// Leavers with more than one open interview: what migration 11's index
/// (one open interview per leaver) cannot be built over.
pub(super) fn open_duplicates_sql() -> String {
    format!(
        "SELECT person_id FROM interviews WHERE status IN ({}) \
         GROUP BY person_id HAVING COUNT(*) > 1 ORDER BY person_id",
        words(InterviewStatus::OPEN.iter().map(|s| s.as_str()))
    )
}

/// What went wrong, with the way out: when the role may not change the
/// schema, or when leavers have two open interviews (from before the rule
/// was a constraint) so the index that makes it one cannot be built.
pub(super) fn explain(
    err: sqlx::migrate::MigrateError,
    open_duplicates: &[String],
) -> anyhow::Error {
    let text = err.to_string();
    let index_refused = matches!(
        &err,
        sqlx::migrate::MigrateError::ExecuteMigration(e, 11)
            if e.as_database_error().is_some_and(|d| d.is_unique_violation())
    );
    if index_refused && !open_duplicates.is_empty() {
        let shown: Vec<&str> = open_duplicates
            .iter()
            .take(20)
            .map(String::as_str)
            .collect();
        anyhow::anyhow!(
            "cannot apply migration 11 (one scheduled or in-progress interview per leaver): \
             {} leaver(s) have more than one, e.g. {}. Migration 11 was not applied (earlier \
             ones were) and no interview was changed. With the previous release, complete or \
             dispose of all but one interview of each, then start this one again ({text})",
            open_duplicates.len(),
            shown.join(", ")
        )
    } else if text.contains("permission denied") || text.contains("must be owner") {
        anyhow::anyhow!(
            "cannot apply database migrations as this role ({text}); apply them as the \
             owner role with `tacit migrate --migrate-database-url …` or give the server \
             --migrate-database-url (docs/audit.md)"
        )
    } else {
        anyhow::Error::new(err).context("applying database migrations")
    }
}

/// `migrate_if_needed(pool)` (nothing to do when every migration of the
/// module's `MIGRATOR` is applied unchanged) and `migrate_with(migrator,
/// pool)` (run, and explain a failure), written once for both backends.
macro_rules! migrate_fns {
    ($db:ty) => {
        async fn migrate_if_needed(pool: &Pool<$db>) -> anyhow::Result<()> {
            let applied: Vec<(i64, Vec<u8>)> =
                sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success")
                    .fetch_all(pool)
                    .await
                    .unwrap_or_default();
            if super::migrate::all_applied(&MIGRATOR, &applied) {
                return Ok(());
            }
            migrate_with(&MIGRATOR, pool).await
        }

        /// Runs `migrator`; a failure is explained (see [`super::migrate::explain`]).
        pub(super) async fn migrate_with(
            migrator: &sqlx::migrate::Migrator,
            pool: &Pool<$db>,
        ) -> anyhow::Result<()> {
            let Err(err) = migrator.run(pool).await else {
                return Ok(());
            };
            let duplicates: Vec<String> =
                sqlx::query_scalar(sqlx::AssertSqlSafe(super::migrate::open_duplicates_sql()))
                    .fetch_all(pool)
                    .await
                    .unwrap_or_default();
            Err(super::migrate::explain(err, &duplicates))
        }
    };
}
pub(super) use migrate_fns;
