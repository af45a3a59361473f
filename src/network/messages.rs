//! What notifications say: an e-mail's subject and text, a webhook's JSON.

use serde_json::json;

use super::Settings;
use crate::domain::{AskedQuestion, Channel, Notification, Person, QuestionVisibility};

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
    let from_name = short(&from.name);
    let subject = match event {
        Event::Routed => format!("{from_name} asks: {}", short(&q.text)),
        Event::Passed => format!("{from_name} passed you a question: {}", short(&q.text)),
        Event::Answered => format!("{from_name} answered your question: {}", short(&q.text)),
        Event::Accepted => format!("{from_name} accepted your answer: {}", short(&q.text)),
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
        let next = match event {
            Event::Routed | Event::Passed => {
                "\nYou can answer, say \"not me\", or pass it to a colleague there.\n"
            }
            Event::Answered => "\nMark the answer that helped, or say none did, there.\n",
            Event::Accepted => "",
        };
        let body = format!(
            "Hello {},\n\n{lead}\n\n> {}\n\n{why}\n\nOpen it in Tacit: {url}\n{next}",
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
        // A webhook posts to a shared channel: a private question's text, and
        // answers to it, stay in Tacit; the message only says there is one.
        let private = q.visibility == QuestionVisibility::Private;
        let (text, subject, why) = match private {
            true => (
                "(a private question: open it in Tacit)".to_string(),
                format!("{}: a private question for {}", from.name, to.name),
                String::new(),
            ),
            false => (q.text.clone(), subject.clone(), why.to_string()),
        };
        let body = json!({
            "event": event.as_str(),
            "text": subject,
            "question": { "id": q.id, "text": text, "url": url, "private": private },
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
