//! Knowledge harvest: which knowledge is at risk when people leave.

mod risk;

pub use risk::{SkillRisk, assess};
