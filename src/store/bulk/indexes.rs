//! SQLite: for an import larger than what a table already holds, its secondary
//! indexes are dropped inside the import's transaction and built again at the
//! end. One sort of every key is several times cheaper than inserting row by
//! row into indexes ordered by another column (person skills by skill, people
//! by name), and the transaction keeps it invisible: readers see the old
//! indexes until the commit, and a failed import rolls the drop back.

use crate::store::rows::{CountRow, PairRow};
use crate::store::sql::{Dialect, Sql};
use crate::store::{Exec, Result};

/// Indexes set aside, to be built again by [`rebuild`].
#[derive(Debug, Default)]
pub(super) struct SetAside(Vec<String>);

/// Drops `table`'s non-unique indexes when `incoming` rows outnumber the rows
/// it holds (SQLite only; unique indexes stay, they are constraints).
pub(super) async fn set_aside(
    c: &mut impl Exec,
    table: &str,
    incoming: usize,
    aside: &mut SetAside,
) -> Result<()> {
    if c.dialect() != Dialect::Sqlite || incoming < 10_000 {
        return Ok(());
    }
    let held: Vec<CountRow> = c
        .rows(Sql::new(&format!("SELECT count(*) AS n FROM {table}")))
        .await?;
    if held.first().map_or(0, |r| r.n) as usize >= incoming {
        return Ok(());
    }
    let indexes: Vec<PairRow> = c
        .rows(Sql::with(
            "SELECT name AS a, sql AS b FROM sqlite_master \
             WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL \
             AND upper(sql) NOT LIKE 'CREATE UNIQUE%'",
            [table.into()],
        ))
        .await?;
    for index in indexes {
        c.execute(Sql::new(&format!("DROP INDEX \"{}\"", index.a)))
            .await?;
        aside.0.push(index.b);
    }
    Ok(())
}

/// Builds every index set aside again, in the same transaction. The sorts
/// that build them may use a second thread meanwhile.
pub(super) async fn rebuild(c: &mut impl Exec, aside: SetAside) -> Result<()> {
    if aside.0.is_empty() {
        return Ok(());
    }
    c.execute(Sql::new("PRAGMA threads = 2")).await?;
    for ddl in aside.0 {
        c.execute(Sql::new(&ddl)).await?;
    }
    c.execute(Sql::new("PRAGMA threads = 0")).await?;
    Ok(())
}
