//! The few lines each backend needs: binding [`Arg`]s and handing out connections.
//! A macro because sqlx's types differ per database while the code is identical.
//!
//! `AssertSqlSafe`: statement texts are built only from constants, column names and
//! `$N` placeholders in `store/`; every value is bound, never formatted in.

/// Binds every argument of a [`Sql`] to a sqlx query.
macro_rules! bind_args {
    ($query:expr, $args:expr) => {{
        let mut q = $query;
        for arg in $args {
            q = match arg {
                $crate::store::sql::Arg::Text(v) => q.bind(v),
                $crate::store::sql::Arg::Int(v) => q.bind(v),
                $crate::store::sql::Arg::Bool(v) => q.bind(v),
                $crate::store::sql::Arg::Time(v) => q.bind(v),
                $crate::store::sql::Arg::Date(v) => q.bind(v),
            };
        }
        q
    }};
}

macro_rules! backend_impl {
    ($backend:ident, $db:ty, $conn:ty, $name:literal, $dialect:expr, $text:path, $copy:path) => {
        #[async_trait]
        impl Exec for $conn {
            fn dialect(&self) -> crate::store::sql::Dialect {
                $dialect
            }

            async fn execute(&mut self, sql: Sql) -> Result<u64> {
                let q = crate::store::backend_impl::bind_args!(
                    sqlx::query(sqlx::AssertSqlSafe($text(&sql.text).into_owned())),
                    sql.args
                );
                Ok(q.execute(&mut *self).await?.rows_affected())
            }

            async fn rows<R: Record>(&mut self, sql: Sql) -> Result<Vec<R>> {
                let q = crate::store::backend_impl::bind_args!(
                    sqlx::query_as::<_, R>(sqlx::AssertSqlSafe($text(&sql.text).into_owned())),
                    sql.args
                );
                Ok(q.fetch_all(&mut *self).await?)
            }

            async fn copy_in(
                &mut self,
                table: &str,
                columns: &[&str],
                rows: &[Vec<crate::store::sql::Arg>],
            ) -> Result<u64> {
                $copy(self, table, columns, rows).await
            }
        }

        #[async_trait]
        impl Commit for Transaction<'static, $db> {
            async fn commit(self) -> Result<()> {
                Transaction::commit(self).await.map_err(StoreError::from)
            }
        }

        #[async_trait]
        impl Backend for $backend {
            type Conn = $conn;
            type Pooled = sqlx::pool::PoolConnection<$db>;
            type Tx = Transaction<'static, $db>;

            fn name(&self) -> &'static str {
                $name
            }
            async fn acquire(&self) -> Result<Self::Pooled> {
                Ok(self.pool.acquire().await?)
            }
            async fn begin(&self) -> Result<Self::Tx> {
                Ok(self.pool.begin().await?)
            }
            fn pool_stats(&self) -> (u32, u32) {
                (self.pool.size(), self.pool.num_idle() as u32)
            }
            async fn close(&self) {
                self.pool.close().await
            }
            fn change_feed(&self) -> Option<crate::store::ChangeFeed> {
                $backend::feed(self)
            }
        }
    };
}

pub(crate) use {backend_impl, bind_args};
