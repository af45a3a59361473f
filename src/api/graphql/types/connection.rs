//! The one way a list is paged: a Relay connection of `N` with its edges,
//! `PageInfo` and `totalCount` (`PersonConnection`, `PersonEdge`, ...). Every
//! such type shares one authorization rule (see `auth/policy/fields.rs`).

use async_graphql::SimpleObject;
use async_graphql::connection::{Connection, Edge};

use crate::api::graphql::ids::encode_cursor;
use crate::store::Page;

#[derive(SimpleObject)]
pub struct Total {
    /// How many items the whole list has.
    total_count: i64,
}

pub type List<N> = Connection<String, N, Total>;

/// One page from the store as a connection, each item wrapped by `wrap`.
pub fn connection<T, N: async_graphql::OutputType>(
    page: Page<T>,
    after_given: bool,
    wrap: impl Fn(T) -> N,
) -> List<N> {
    let mut c = Connection::with_additional_fields(
        after_given,
        page.has_next,
        Total {
            total_count: page.total,
        },
    );
    c.edges.extend(
        page.items
            .into_iter()
            .map(|(cursor, item)| Edge::new(encode_cursor(&cursor.0), wrap(item))),
    );
    c
}
