//! Keyset pagination shared by every list: stable under inserts, index-friendly.

use super::rows::CountRow;
use super::sql::Sql;
use super::{Cursor, Exec, Page, PageRequest, Record, Result, StoreError};

/// A row that knows its position in the list order.
pub trait Keyed {
    fn key(&self) -> Vec<String>;
}

/// One list query: `SELECT columns FROM from WHERE condition ORDER BY order`.
pub struct ListQuery<'a> {
    pub columns: &'a str,
    pub from: &'a str,
    /// A condition over the rows; its placeholders start at `$1`.
    pub condition: Sql,
    /// The key columns, in order; the last one must be unique.
    pub order: &'a [&'a str],
    pub descending: bool,
}

impl ListQuery<'_> {
    pub async fn run<R, T>(self, c: &mut impl Exec, page: &PageRequest) -> Result<Page<T>>
    where
        R: Record + Keyed,
        T: TryFrom<R>,
        StoreError: From<T::Error>,
    {
        let mut count = Sql::new("SELECT COUNT(*) AS n FROM ");
        count
            .push(self.from)
            .push(" WHERE ")
            .push(&self.condition.text);
        count.args = self.condition.args.clone();
        let total = c.rows::<CountRow>(count).await?.first().map_or(0, |r| r.n);

        let mut q = Sql::new("SELECT ");
        q.push(self.columns)
            .push(" FROM ")
            .push(self.from)
            .push(" WHERE (")
            .push(&self.condition.text)
            .push(")");
        q.args = self.condition.args;
        let keys = self.order.join(", ");
        if let Some(Cursor(after)) = &page.after {
            if after.len() != self.order.len() {
                return Err(StoreError::Invalid(
                    "the cursor does not belong to this list".into(),
                ));
            }
            q.push(&format!(
                " AND ({keys}) {} (",
                if self.descending { "<" } else { ">" }
            ));
            for (i, v) in after.iter().enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                q.bind(v.as_str());
            }
            q.push(")");
        }
        let dir = if self.descending { " DESC" } else { "" };
        let order: Vec<String> = self.order.iter().map(|k| format!("{k}{dir}")).collect();
        q.push(&format!(
            " ORDER BY {} LIMIT {}",
            order.join(", "),
            page.first + 1
        ));

        let mut rows: Vec<R> = c.rows(q).await?;
        let has_next = rows.len() > page.first;
        rows.truncate(page.first);
        let items = rows
            .into_iter()
            .map(|r| {
                let cursor = Cursor(r.key());
                T::try_from(r)
                    .map(|t| (cursor, t))
                    .map_err(StoreError::from)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Page {
            items,
            has_next,
            total,
        })
    }
}
