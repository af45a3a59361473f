//! What notifications say: an e-mail's subject and text, a webhook's JSON.

use serde_json::json;

use super::Settings;
use crate::domain::{AskedQuestion, Channel, Notification, Person};

/// What happened, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The question was routed to the recipient.
    Routed,
    /// A colleague passed the question to the recipient.
    Passed,
    /// Someone answered the recipient's question.
    Answered,
    /// The asker accepted the recipient's answer.
    Accepted,
}

impl Event {
    fn as_str(self) -> &'static str {
        match self {
            Event::Routed => "question.routed",
            Event::Passed => "question.passed",
            Event::Answered => "question.answered",
            Event::Accepted => "answer.accepted",
        }
    }
}

fn link(settings: &Settings, q: &AskedQuestion) -> String {
    let base = settings
        .public_url
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    format!("{base}/questions/{}", q.id)
}

/// The messages for `to` about `q`, one per configured channel (an e-mail
/// only when they have an address).
pub fn for_person(
    settings: &Settings,
    event: Event,
    q: &AskedQuestion,
    to: &Person,
    from: &Person,
    why: &str,
) -> Vec<Notification> {
    let url = link(settings, q);
    let subject = match event {
        Event::Routed => format!("{} asks: {}", from.name, short(&q.text)),
        Event::Passed => format!("{} passed you a question: {}", from.name, short(&q.text)),
        Event::Answered => format!("{} answered your question: {}", from.name, short(&q.text)),
        Event::Accepted => format!("{} accepted your answer: {}", from.name, short(&q.text)),
    };
    let mut out = Vec::new();
    if settings.email
        && let Some(address) = &to.email
    {
        let lead = match event {
            Event::Routed => format!(
                "{} asked a question, and Tacit thinks you may know the answer.",
                from.name
            ),
            Event::Passed => format!(
                "{} passed you a question they think you can answer.",
                from.name
            ),
            Event::Answered => format!("{} answered your question.", from.name),
            Event::Accepted => format!(
                "{} marked your answer as the one that helped. Thank you.",
                from.name
            ),
        };
        let body = format!(
            "Hello {},\n\n{lead}\n\n> {}\n\n{why}\n\nOpen it in Tacit: {url}\n\nYou can answer, say \"not me\", or pass it to a colleague there.\n",
            to.name,
            q.text.replace('\n', "\n> "),
        );
        out.push(Notification {
            channel: Channel::Email,
            recipient: address.clone(),
            subject: subject.clone(),
            body,
        });
    }
    if settings.webhook {
        let body = json!({
            "event": event.as_str(),
            "text": subject,
            "question": { "id": q.id, "text": q.text, "url": url },
            "to": { "id": to.id, "name": to.name, "email": to.email },
            "from": { "id": from.id, "name": from.name },
            "why": why,
        });
        out.push(Notification {
            channel: Channel::Webhook,
            recipient: to.id.clone(),
            subject,
            body: body.to_string(),
        });
    }
    out
}

/// The question's first line, at most 80 characters and without control
/// characters, for a subject.
fn short(text: &str) -> String {
    let first: String = text
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let line = first.trim();
    if line.chars().count() <= 80 {
        return line.to_string();
    }
    let cut: String = line.chars().take(77).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_one_short_line() {
        assert_eq!(short("Who knows GDPR?\r\nBcc: everyone"), "Who knows GDPR?");
        assert_eq!(short("a\rb\tc"), "a b c");
        let long = "x".repeat(100);
        assert_eq!(short(&long).chars().count(), 78);
    }
}
