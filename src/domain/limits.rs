//! How long each kind of text may be: one place, shared by imports and mutations.

/// Names and titles: a person's, a skill's, a community's, an office's.
pub const NAME: usize = 200;
/// Descriptions of skills and communities.
pub const DESCRIPTION: usize = 5_000;
/// A short word to someone: an invitation's message, a reason for a decision.
pub const MESSAGE: usize = 1_000;
/// Interview notes, summaries, answers and successor notes.
pub const LONG_TEXT: usize = 20_000;
/// Questions in an interview.
pub const QUESTIONS: usize = 200;
/// An office's name.
pub const OFFICE_NAME: usize = 100;
/// A skill's aliases, how many.
pub const ALIASES: usize = 50;
/// Evidence: its kind (`document`, `answer`, ...), title and text.
pub const EVIDENCE_KIND: usize = 50;
pub const EVIDENCE_TITLE: usize = 500;
pub const EVIDENCE_TEXT: usize = 200_000;
/// One question's text.
pub const QUESTION: usize = 2_000;
/// Questions, answers or topics one request may give.
pub const AT_ONCE: usize = 100;
/// Why an interview record is on hold.
pub const HOLD_REASON: usize = 2_000;
/// Why a disposal run or an erasure happens (kept in the audit log).
pub const RUN_REASON: usize = 500;
/// An API token's name.
pub const TOKEN_NAME: usize = 100;
