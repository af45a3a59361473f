//! Ranking: question → seeds (text index) → personalised PageRank over the
//! graph snapshot → people, each with the paths that explain them.

pub mod baselines;
mod config;
mod engine;
mod experts;
pub mod explain;
mod hours;
mod ppr;
mod text;

pub use config::{RankConfig, SeedWeights};
pub use engine::{BuildStats, Engine, Ranking};
pub use experts::{Expert, ExpertFilter, ExpertQuery, experts, seeds, spread, top};
pub use hours::overlap_hours;
pub use ppr::{Ppr, PprParams};
pub use text::{TextDoc, TextIndex};
