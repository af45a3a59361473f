//! Questions asked of the network, where they were routed, and answers.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Invalid;
use super::types::text_enum;

text_enum!(
    /// Public questions' accepted answers become evidence; private ones never do.
    QuestionVisibility { Public = "public", Private = "private" }
);
text_enum!(
    /// Open until the asker accepts an answer or says none helped.
    QuestionStatus { Open = "open", Answered = "answered", Closed = "closed" }
);
text_enum!(
    /// What became of a question with one person.
    RouteState {
        Routed = "routed",
        Answered = "answered",
        Declined = "declined",
        Passed = "passed",
        Skipped = "skipped",
        Withdrawn = "withdrawn",
    }
);

#[derive(Debug, Clone, PartialEq)]
pub struct AskedQuestion {
    pub id: String,
    pub asker_id: String,
    pub text: String,
    pub skill_ids: Vec<String>,
    pub visibility: QuestionVisibility,
    pub status: QuestionStatus,
    pub accepted_answer_id: Option<String>,
    /// The evidence a public question's accepted answer became.
    pub evidence_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// One person a question went to (or was kept from, with the reason).
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub question_id: String,
    pub person_id: String,
    pub state: RouteState,
    /// Order of routing: the first three are 1, 2, 3; later ones follow.
    pub position: i64,
    /// Why they were chosen (the ranking's explanation), or why skipped.
    pub reason: String,
    /// Who passed the question to them, with what note.
    pub passed_by: Option<String>,
    pub note: Option<String>,
    pub routed_at: DateTime<Utc>,
    pub responded_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionAnswer {
    pub id: String,
    pub question_id: String,
    pub author_id: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

text_enum!(
    /// How a notification goes out.
    Channel { Email = "email", Webhook = "webhook" }
);

/// A message to send: to an e-mail address, or (webhook) about a person.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub channel: Channel,
    pub recipient: String,
    pub subject: String,
    /// Plain text for e-mail; the JSON document for a webhook.
    pub body: String,
}

/// A notification waiting in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub id: i64,
    pub notification: Notification,
    pub attempts: i64,
}

/// One relevance judgment from the organisation's own history: `grade` 2
/// for the accepted answer's author, 1 for another answerer, 0 for "not me".
#[derive(Debug, Clone, PartialEq)]
pub struct Judgment {
    pub question_id: String,
    pub question: String,
    pub asker_id: String,
    pub person_id: String,
    pub grade: u8,
    pub at: DateTime<Utc>,
}
