//! Ranking: query → seeds → personalised PageRank over the graph → people.

mod ppr;

pub use ppr::{Ppr, PprParams};
