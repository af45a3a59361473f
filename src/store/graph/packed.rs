//! Reading many small rows fast: the database packs each chunk of rows into one
//! text (records and fields split by ASCII separators), so the driver decodes a
//! few hundred values instead of millions. Used for the large graph reads.

use super::rows::PackRow;
use crate::store::sql::{Dialect, Sql};
use crate::store::{Exec, Result, StoreError};

/// Rows per packed chunk.
const CHUNK: u32 = 2_000;
const RECORD: char = '\u{1d}';
const FIELD: char = '\u{1c}';

fn chr(d: Dialect, n: u8) -> String {
    match d {
        Dialect::Sqlite => format!("char({n})"),
        Dialect::Postgres => format!("chr({n})"),
    }
}

fn agg(d: Dialect, expr: &str) -> String {
    match d {
        Dialect::Sqlite => format!("group_concat({expr}, char(29))"),
        Dialect::Postgres => format!("string_agg({expr}, chr(29))"),
    }
}

/// Runs `inner`, a `SELECT` of `columns` text columns named `c0`, `c1`, …, and
/// returns its rows, each turned into a `T` by `convert` (on a blocking thread,
/// so several large reads decode at the same time); `None` columns are SQL
/// `NULL`. Stored values never hold the separators: validation (`domain`)
/// refuses control characters other than tab and newline in every field. A
/// record that does not split into the right number of fields is left out
/// rather than misread.
pub(super) async fn rows<T, F>(
    c: &mut impl Exec,
    inner: Sql,
    columns: usize,
    convert: F,
) -> Result<Vec<T>>
where
    T: Send + 'static,
    F: Fn(Vec<Option<String>>) -> Option<T> + Send + 'static,
{
    let d = c.dialect();
    let c28 = chr(d, 28);
    let fields: Vec<String> = (0..columns)
        .map(|i| format!("COALESCE('1' || x.c{i}, '0')"))
        .collect();
    let record = fields.join(&format!(" || {c28} || "));
    let sql = inner.wrap(
        &format!(
            "SELECT {} AS packed FROM (SELECT {record} AS r, (ROW_NUMBER() OVER ()) / {CHUNK} AS chunk FROM (",
            agg(d, "y.r")
        ),
        ") x) y GROUP BY y.chunk",
    );
    let packed: Vec<PackRow> = c.rows(sql).await?;
    let decode = move || {
        let mut out = Vec::new();
        for p in &packed {
            for record in p.packed.as_deref().unwrap_or("").split(RECORD) {
                if record.is_empty() {
                    continue;
                }
                let row: Vec<Option<String>> = record
                    .split(FIELD)
                    .map(|f| f.strip_prefix('1').map(str::to_string))
                    .collect();
                if row.len() == columns
                    && let Some(t) = convert(row)
                {
                    out.push(t);
                }
            }
        }
        out
    };
    tokio::task::spawn_blocking(decode)
        .await
        .map_err(|e| StoreError::Database(sqlx::Error::Protocol(format!("decoding rows: {e}"))))
}
