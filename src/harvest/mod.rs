//! Knowledge harvest: which knowledge is at risk when people leave, and
//! which leavers to interview first.

mod queue;
mod risk;

pub use queue::{Leaver, LeaverSkill, queue};
pub use risk::{SkillRisk, assess};
