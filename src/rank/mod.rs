//! Ranking: question → seeds (text index) → personalised PageRank over the
//! graph snapshot → people, each with the paths that explain them.

pub mod baselines;
mod config;
mod engine;
mod experts;
pub mod explain;
mod hours;
mod ppr;
pub mod question;
pub mod signals;
mod text;
pub mod walks;

pub use config::{FusionWeights, RankConfig, SeedWeights};
pub use engine::{BuildStats, DiskCleanup, Engine, Ranking, Refused};
pub use experts::{
    Answer, Expert, ExpertFilter, ExpertQuery, Inferred, Ranked, Strength, answer, experts, fuse,
    infer, question_seeds, rank_question, spread, top,
};
pub use hours::{Schedule, overlap_hours, overlap_hours_at};
pub use ppr::{Ppr, PprParams};
pub use text::{TextDoc, TextIndex};
