//! Titles and text of evidence, written the way a public body writes: templates
//! with varied openings, bodies and closings, filled with the topic, its aliases,
//! the unit's work and the author's office.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::pick;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Document,
    Report,
    Question,
    Answer,
    Project,
}

impl Kind {
    pub(crate) const ALL: [(Kind, f64); 5] = [
        (Kind::Document, 0.34),
        (Kind::Report, 0.16),
        (Kind::Question, 0.14),
        (Kind::Answer, 0.22),
        (Kind::Project, 0.14),
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Report => "report",
            Kind::Question => "question",
            Kind::Answer => "answer",
            Kind::Project => "project",
        }
    }
}

/// Values for the `{placeholders}` in the templates.
pub(crate) struct Fill<'a> {
    /// Topic as it reads at the start of a title ("Records retention", "Performing backups").
    pub topic: String,
    /// Topic as it reads inside a sentence ("records retention", "GDPR").
    pub topic_in_text: String,
    /// An alias of the topic, or the topic as it reads inside a sentence.
    pub alias: &'a str,
    /// A second skill, as it reads inside a sentence.
    pub related: String,
    pub object: &'a str,
    pub unit: &'a str,
    pub office: &'a str,
    pub background: Option<&'a str>,
    /// Sentences about the author's unit's work (`details`).
    pub details: &'a [&'a str],
    pub year: i32,
    /// Month the evidence was written.
    pub month: u32,
}

const DOCUMENT_TITLES: &[&str] = &[
    "{Topic}: guidance for {object}",
    "{Topic} procedure for {object}",
    "How we handle {topic} for {object}",
    "{Topic} checklist for the {unit} team",
    "Standard operating procedure: {topic}",
    "Working note on {topic} and {related}",
    "{Topic} for {object}: decisions and rationale",
];
const REPORT_TITLES: &[&str] = &[
    "{Topic} review of {object}, {quarter} {year}",
    "Annual {topic} report {year}",
    "Lessons learned: {topic} on {object}",
    "Assessment of {object} against {topic} requirements",
    "{Topic} health check: {object}",
];
const QUESTION_TITLES: &[&str] = &[
    "How should we approach {topic} for {object}?",
    "Who knows about {alias}?",
    "Question about {topic} and {related}",
    "Has anyone dealt with {alias} for {object} before?",
    "Advice needed: {topic} on {object}",
];
const ANSWER_TITLES: &[&str] = &[
    "Re: {topic} for {object}",
    "Answer: applying {alias} to {object}",
    "Re: question about {topic}",
    "Re: advice needed on {object}",
];
const PROJECT_TITLES: &[&str] = &[
    "{Topic} improvement project: {object}",
    "Project closure report: {object} ({topic})",
    "Discovery: {topic} for {object}",
    "Pilot of a new {topic} approach for {object}",
];

const DOCUMENT_OPENINGS: &[&str] = &[
    "This note sets out how the {unit} team applies {topic} to {object}.",
    "This guidance explains the agreed approach to {topic} for {object} and who to contact with questions.",
    "We wrote this procedure after several teams asked how {topic} applies to {object}.",
    "The purpose of this document is to give colleagues one place to check before making decisions about {object}.",
];
const REPORT_OPENINGS: &[&str] = &[
    "This report summarises our review of {object} in {quarter} {year}, focusing on {topic}.",
    "We reviewed {n} cases involving {object} to see how well {topic} is working in practice.",
    "This is the {year} report on {topic} across {unit}.",
];
const QUESTION_OPENINGS: &[&str] = &[
    "I'm working on {object} and need some advice on {topic}.",
    "Quick question for anyone who has worked with {alias}.",
    "We have a deadline coming up on {object} and I'm not sure how {topic} applies.",
];
const ANSWER_OPENINGS: &[&str] = &[
    "Good question: we dealt with something very similar for {object} last year.",
    "Short answer: yes, but {topic} needs to be built in from the start.",
    "I led the {topic} work on {object}, so I can share what we did.",
];
const PROJECT_OPENINGS: &[&str] = &[
    "The project set out to improve {topic} for {object} over {n} months.",
    "This record describes our work on {object} and what we learned about {topic}.",
    "We ran a small pilot in {office} to test a new approach to {topic} on {object}.",
];

const WORK_BODY: &[&str] = &[
    "The main issue was that different teams used different terms, so we now refer to {alias} consistently.",
    "We mapped the current process, found {n} points where work was duplicated and removed most of them.",
    "{Related} turned out to matter as much as {topic}, so we involved colleagues who know it well.",
    "The existing guidance was written before {last_year} and no longer matched how the work is done.",
    "We agreed clear ownership: each step now has a named person and a deadline.",
    "Colleagues in {office} reviewed the draft and their comments shaped the final version.",
    "Most of the effort went into cleaning up {object} before anything else could change.",
    "We tested the approach on a sample of {n} records before rolling it out.",
    "Where the rules left room for judgement, we recorded our reasoning so that it can be audited later.",
    "The remaining risks are logged on the {unit} risk register and reviewed monthly.",
    "A short training session followed, with a one-page summary of {topic} for new starters.",
    "We compared our approach with two other public bodies and borrowed what worked for them.",
    "The change cut the time taken from {n} working days to about half that.",
    "We found {n} gaps, of which the most serious concerned {object}.",
    "Anyone picking this up should start with the decision log, which explains why we chose this option.",
    "Supplier input was useful, but we kept the design decisions in-house.",
    "Feedback from users was mostly positive, though the section on exceptions needs more examples.",
    "We still need a decision on funding for the next phase, which depends on the business case.",
];
const QUESTION_BODY: &[&str] = &[
    "Our current practice is to treat {alias} case by case, which is slow and inconsistent.",
    "The guidance I found dates from {last_year} and doesn't mention {related}.",
    "Specifically, I need to know who signs off and what evidence we have to keep.",
    "We have about {n} items to deal with, so a repeatable approach would help.",
    "Colleagues in {office} may have done this already, but I couldn't find anything written down.",
    "I'm also unsure whether {related} changes the answer.",
];
const ANSWER_BODY: &[&str] = &[
    "The key is to agree the {topic} position with the business owner before work starts.",
    "We kept a simple log of decisions, which made the audit much easier.",
    "Don't forget {related}; it caught us out the first time.",
    "Our template covers the {n} questions that come up most often about {alias}.",
    "If personal data is involved, speak to the data protection team as well.",
    "It took us about {n} days end to end, most of it waiting for sign-off.",
    "Start from the current guidance and only escalate the genuine exceptions.",
];

const DOCUMENT_CLOSINGS: &[&str] = &[
    "Please contact the {unit} team if your situation is not covered here.",
    "This document will be reviewed in {next_year} or sooner if the law changes.",
    "Questions about {topic} can be posted in the community channel.",
];
const REPORT_CLOSINGS: &[&str] = &[
    "We recommend that the actions above are tracked by the {unit} management team.",
    "The next review is planned for {quarter} {next_year}.",
    "Overall we give this area a moderate level of assurance, with {n} actions agreed.",
];
const QUESTION_CLOSINGS: &[&str] = &[
    "Any pointers or examples would be really welcome.",
    "Happy to set up a call if that's easier; I'm in the {office} office.",
    "Thanks in advance!",
];
const ANSWER_CLOSINGS: &[&str] = &[
    "Happy to talk it through if you want to share the detail.",
    "I've attached the template we used.",
    "Hope that helps; let me know how you get on.",
];
const PROJECT_CLOSINGS: &[&str] = &[
    "The project closed in {month} {year} and the new process is now business as usual.",
    "Next steps are in the action plan attached to this record.",
    "Benefits will be measured over the next {n} months.",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

/// Title and text of one piece of evidence.
pub(crate) fn write(rng: &mut ChaCha8Rng, kind: Kind, fill: &Fill) -> (String, String) {
    let (titles, openings, body, closings) = match kind {
        Kind::Document => (
            DOCUMENT_TITLES,
            DOCUMENT_OPENINGS,
            WORK_BODY,
            DOCUMENT_CLOSINGS,
        ),
        Kind::Report => (REPORT_TITLES, REPORT_OPENINGS, WORK_BODY, REPORT_CLOSINGS),
        Kind::Question => (
            QUESTION_TITLES,
            QUESTION_OPENINGS,
            QUESTION_BODY,
            QUESTION_CLOSINGS,
        ),
        Kind::Answer => (ANSWER_TITLES, ANSWER_OPENINGS, ANSWER_BODY, ANSWER_CLOSINGS),
        Kind::Project => (
            PROJECT_TITLES,
            PROJECT_OPENINGS,
            WORK_BODY,
            PROJECT_CLOSINGS,
        ),
    };
    let mut title = String::with_capacity(80);
    let template = *pick(rng, titles);
    expand(rng, template, fill, &mut title);

    let mut text = String::with_capacity(640);
    let template = *pick(rng, openings);
    expand(rng, template, fill, &mut text);
    if let Some(background) = fill.background.filter(|_| rng.random::<f64>() < 0.35) {
        let lead = pick(
            rng,
            &["For context: ", "As background: ", "To recap the basics: "],
        );
        text.push(' ');
        text.push_str(lead);
        text.push_str(background);
    }
    let mut sentences = rng.random_range(2..=4).min(body.len());
    if kind != Kind::Question && !fill.details.is_empty() && rng.random::<f64>() < 0.75 {
        let template = *pick(rng, fill.details);
        text.push(' ');
        expand(rng, template, fill, &mut text);
        sentences -= 1;
    }
    let mut used: Vec<usize> = Vec::with_capacity(sentences);
    while used.len() < sentences {
        let i = rng.random_range(0..body.len());
        if !used.contains(&i) {
            used.push(i);
            text.push(' ');
            expand(rng, body[i], fill, &mut text);
        }
    }
    text.push(' ');
    let template = *pick(rng, closings);
    expand(rng, template, fill, &mut text);
    (title, text)
}

/// Replaces `{name}` placeholders; numbers and dates are drawn fresh each time.
fn expand(rng: &mut ChaCha8Rng, template: &str, fill: &Fill, out: &mut String) {
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let key = &rest[start + 1..start + len];
        match key {
            "Topic" => out.push_str(&fill.topic),
            "topic" => out.push_str(&fill.topic_in_text),
            "alias" => out.push_str(fill.alias),
            "related" => out.push_str(&fill.related),
            "Related" => push_capitalised(out, &fill.related),
            "object" => out.push_str(fill.object),
            "unit" => out.push_str(fill.unit),
            "office" => out.push_str(fill.office),
            "year" => out.push_str(&fill.year.to_string()),
            "last_year" => out.push_str(&(fill.year - rng.random_range(1..=4)).to_string()),
            "next_year" => out.push_str(&(fill.year + 1).to_string()),
            "quarter" => out.push_str(
                ["Q1", "Q2", "Q3", "Q4"][(fill.month.saturating_sub(1) / 3 % 4) as usize],
            ),
            "month" => out.push_str(MONTHS[(fill.month as usize).saturating_sub(1) % 12]),
            "n" => out.push_str(&rng.random_range(3..=40).to_string()),
            other => panic!("unknown placeholder {{{other}}} in demo text template"),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
}

fn push_capitalised(out: &mut String, text: &str) {
    let mut chars = text.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

#[rustfmt::skip]
const VERBS: &[&str] = &[
    "administer", "analyse", "apply", "collect", "conduct", "configure", "create", "define",
    "deploy", "design", "develop", "establish", "evaluate", "execute", "handle", "identify",
    "implement", "install", "integrate", "maintain", "manage", "migrate", "monitor", "perform",
    "plan", "protect", "provide", "test", "use", "utilise",
];

/// How a skill name reads at the start of a title: ESCO's verb phrases become
/// gerunds ("Perform backups" -> "Performing backups").
pub(crate) fn as_topic(name: &str) -> String {
    let (first, rest) = name.split_once(' ').unwrap_or((name, ""));
    let verb = first.to_lowercase();
    if !VERBS.contains(&verb.as_str()) {
        return name.to_owned();
    }
    let stem = if verb == "plan" {
        "plann".to_owned()
    } else if verb.ends_with('e') && !verb.ends_with("ee") {
        verb[..verb.len() - 1].to_owned()
    } else {
        verb
    };
    let mut topic = String::with_capacity(name.len() + 3);
    push_capitalised(&mut topic, &stem);
    topic.push_str("ing");
    if !rest.is_empty() {
        topic.push(' ');
        topic.push_str(rest);
    }
    topic
}

/// A skill name as it reads at the start of a title and inside a sentence.
pub(crate) fn forms(name: &str) -> (String, String) {
    let topic = as_topic(name);
    let in_sentence = if topic == name {
        in_text(name)
    } else {
        // A gerund made from a verb phrase is never a proper noun.
        let mut chars = topic.chars();
        chars
            .next()
            .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
    };
    (topic, in_sentence)
}

/// How a topic reads inside a sentence: lower-case initial unless the name looks
/// like a proper noun or acronym ("GDPR", "Freedom of Information requests", "R").
pub(crate) fn in_text(topic: &str) -> String {
    let mut chars = topic.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
        return topic.to_owned();
    };
    let proper = topic.contains('(') || topic.chars().skip(1).any(char::is_uppercase);
    if first.is_uppercase() && second.is_lowercase() && !proper {
        let mut out = String::with_capacity(topic.len());
        out.extend(first.to_lowercase());
        out.push_str(&topic[first.len_utf8()..]);
        out
    } else {
        topic.to_owned()
    }
}
