//! Knowledge harvest: which knowledge is at risk when people leave, which
//! leavers to interview first, the questions to ask them, and how long the
//! interview records are kept.

pub mod interviews;
pub mod questions;
mod queue;
mod retention;
mod risk;

pub use queue::{Leaver, LeaverSkill, QueueOrder, interview_queue, queue};
pub use retention::{DisposalRun, DueRecord, due_records};
pub use risk::{Cover, CoveredRisk, RiskOrder, SkillRisk, assess, knowledge_at_risk};

use crate::domain::{Clock, Retention};

/// What the harvest workflow needs from the configuration.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub retention: Retention,
    pub clock: Clock,
}
