//! How a colleague asks for help with a skill: by its name, by an alias, about a
//! piece of their work, or describing what they need without naming the skill.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::{pick, texts};

/// The ways a question can be put; each evaluation query uses one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phrasing {
    /// The skill's name: "Who can help me with records retention?"
    Name,
    /// One of its aliases: "I need advice on DPIAs."
    Alias,
    /// The name or an alias, about something the unit works on.
    Context,
    /// Words from its description, no name: "Has anyone got experience of
    /// deciding and applying how long each class of record must be kept?"
    Description,
}

impl Phrasing {
    /// All phrasings with their relative frequency.
    pub(crate) const ALL: [(Phrasing, f64); 4] = [
        (Phrasing::Name, 0.3),
        (Phrasing::Alias, 0.25),
        (Phrasing::Context, 0.2),
        (Phrasing::Description, 0.25),
    ];
}

/// What a question can draw on for one skill.
pub(crate) struct Subject<'a> {
    pub name: &'a str,
    pub aliases: &'a [String],
    /// `None` when the skill has no description, or shares it with another skill
    /// (the taxonomy gives Python, Java and R the same one): such a question
    /// could not tell them apart.
    pub description: Option<&'a str>,
    /// Things the unit of someone who knows the skill works on ("HR case files").
    pub objects: &'a [&'a str],
}

impl Subject<'_> {
    /// Whether `phrasing` can be used for this skill.
    pub(crate) fn allows(&self, phrasing: Phrasing) -> bool {
        match phrasing {
            Phrasing::Name => true,
            Phrasing::Alias => !self.aliases.is_empty(),
            Phrasing::Context => !self.objects.is_empty(),
            Phrasing::Description => self.description.and_then(need).is_some(),
        }
    }
}

const ABOUT_TOPIC: &[&str] = &[
    "Who can help me with {topic}?",
    "I need advice on {topic}.",
    "Who is the go-to person for {topic}?",
    "Who should I talk to about {topic}?",
    "Is there anyone here who really knows {topic}?",
    "Any experts on {topic} around? I have a question.",
];

const ABOUT_WORK: &[&str] = &[
    "Does anyone know about {topic} for {object}?",
    "Who has worked on {topic} for {object} before?",
    "I have a question about {topic} for {object}, who should I ask?",
    "Looking for someone who knows {topic}, it is for {object}.",
];

const DOING: &[&str] = &[
    "Has anyone got experience of {need}?",
    "Who is good at {need}?",
    "I'm looking for someone experienced in {need}.",
];

const ABLE: &[&str] = &[
    "I need someone who can {need}.",
    "Who could help me {need}?",
    "Is there anyone who can {need}?",
];

const KNOWING: &[&str] = &[
    "Who knows about {need}?",
    "Can anyone explain {need} to me?",
    "I have a question about {need}, who should I ask?",
];

/// A question about `subject` put the way `phrasing` says; `None` if the skill
/// lacks what that phrasing needs (see [`Subject::allows`]).
pub(crate) fn ask(rng: &mut ChaCha8Rng, subject: &Subject, phrasing: Phrasing) -> Option<String> {
    let name = || texts::forms(spoken(subject.name)).1;
    let alias = |rng: &mut ChaCha8Rng| {
        (!subject.aliases.is_empty())
            .then(|| texts::forms(spoken(pick::<String>(rng, subject.aliases))).1)
    };
    match phrasing {
        Phrasing::Name => Some(fill(pick::<&str>(rng, ABOUT_TOPIC), &name(), "")),
        Phrasing::Alias => {
            let topic = alias(rng)?;
            Some(fill(pick::<&str>(rng, ABOUT_TOPIC), &topic, ""))
        }
        Phrasing::Context => {
            if subject.objects.is_empty() {
                return None;
            }
            let object = *pick::<&str>(rng, subject.objects);
            let topic = match alias(rng) {
                Some(alias) if rng.random::<bool>() => alias,
                _ => name(),
            };
            Some(fill(pick::<&str>(rng, ABOUT_WORK), &topic, object))
        }
        Phrasing::Description => {
            let (kind, phrase) = need(subject.description?)?;
            let templates = match kind {
                Need::Doing => DOING,
                Need::Able => ABLE,
                Need::Knowing => KNOWING,
            };
            Some(pick::<&str>(rng, templates).replace("{need}", &phrase))
        }
    }
}

fn fill(template: &str, topic: &str, object: &str) -> String {
    template
        .replace("{topic}", topic)
        .replace("{object}", object)
}

/// What kind of phrase a description gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Starts with a gerund: "deciding and applying how long …".
    Doing,
    /// Starts with a verb: "design a multi-tier cloud architecture solution".
    Able,
    /// Anything else, read as a noun phrase: "the law governing employment".
    Knowing,
}

/// Verbs that open ESCO and DDaT descriptions in the imperative.
#[rustfmt::skip]
const IMPERATIVES: &[&str] = &[
    "apply", "assess", "conduct", "create", "design", "detect", "determine", "develop",
    "download", "ensure", "examine", "execute", "implement", "maintain", "organise", "oversee",
    "plan", "properly", "put", "select", "use", "utilise",
];

/// Words a shortened phrase should not end on.
#[rustfmt::skip]
const DANGLING: &[&str] = &[
    "a", "across", "an", "and", "as", "at", "based", "by", "for", "from", "in", "into", "its",
    "of", "on", "or", "that", "the", "their", "to", "which", "with", "your",
];

/// Where a description's first clause may end, and how many words it must keep
/// (a comma often only separates items of a list).
#[rustfmt::skip]
const CLAUSE_ENDS: &[(&str, usize)] = &[
    (", ", 5), ("; ", 3), (": ", 3), (" - ", 3), (" (", 3), (" such as ", 3),
    (" in order to ", 3), (" which ", 3), (" so that ", 3), (" whilst ", 3), (" while ", 3),
    (" including ", 3),
];

/// Longest phrase taken from a description, in words.
const MAX_WORDS: usize = 16;

/// The first clause of a description as something a person needs, without the
/// "X involves" preamble; `None` if too little is left.
fn need(description: &str) -> Option<(Need, String)> {
    let mut text = description.trim();
    let mut listed = false;
    // DDaT security skills: "You can: - put in place … - develop …"
    if let Some(rest) = text.strip_prefix("You can:") {
        text = rest.trim_start().trim_start_matches('-').trim_start();
        listed = true;
    }
    let text = text.split(". ").next().unwrap_or(text);
    let text = [" involves ", " involve "]
        .iter()
        .find_map(|w| text.split_once(w).map(|(_, rest)| rest))
        .unwrap_or(text);
    let clause = first_clause(text);
    let mut words: Vec<&str> = clause.split_whitespace().take(MAX_WORDS).collect();
    while words
        .last()
        .is_some_and(|w| DANGLING.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    if words.len() < 2 {
        return None;
    }
    // "Clearly defining …" reads like "defining …"; "Properly operate" is listed.
    let first = words
        .iter()
        .map(|w| w.trim_end_matches(',').to_lowercase())
        .find(|w| !(w.ends_with("ly") && w.as_str() != "properly"))
        .unwrap_or_default();
    let kind = if listed || IMPERATIVES.contains(&first.as_str()) {
        Need::Able
    } else if first.len() > 4 && first.ends_with("ing") {
        Need::Doing
    } else {
        Need::Knowing
    };
    let phrase = words.join(" ");
    let phrase = phrase.trim_end_matches(['.', ',', ';', ':']);
    Some((kind, lower_initial(phrase)))
}

/// Text up to the first clause boundary that leaves enough words.
fn first_clause(text: &str) -> &str {
    CLAUSE_ENDS
        .iter()
        .flat_map(|&(end, min_words)| {
            text.match_indices(end)
                .map(|(i, _)| i)
                .filter(move |&i| text[..i].split_whitespace().count() >= min_words)
        })
        .min()
        .map_or(text, |i| &text[..i])
}

/// A name as people say it, without the taxonomy's qualifier:
/// "Python (computer programming)" → "Python".
fn spoken(name: &str) -> &str {
    match name.split_once(" (") {
        Some((said, _)) if name.ends_with(')') && !said.is_empty() => said,
        _ => name,
    }
}

/// "The law" → "the law", but "UK GDPR" and "ICT" stay as they are.
fn lower_initial(phrase: &str) -> String {
    let first_word = phrase.split_whitespace().next().unwrap_or("");
    if first_word.chars().skip(1).any(char::is_uppercase) {
        return phrase.to_owned();
    }
    let mut chars = phrase.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn every_phrasing_reads_like_a_question_or_a_request() {
        let aliases = vec!["DPIA".to_owned()];
        let subject = Subject {
            name: "Data protection impact assessments",
            aliases: &aliases,
            description: Some(
                "Screening projects and systems for high-risk processing of personal data, writing the DPIA.",
            ),
            objects: &["HR case files"],
        };
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        for (phrasing, _) in Phrasing::ALL {
            assert!(subject.allows(phrasing));
            for _ in 0..20 {
                let text = ask(&mut rng, &subject, phrasing).expect("allowed");
                assert!(!text.contains('{'), "{text}");
                assert!(text.ends_with(['?', '.']), "{text}");
                let expected = match phrasing {
                    Phrasing::Name => "data protection impact assessments",
                    Phrasing::Alias => "DPIA",
                    Phrasing::Context => "HR case files",
                    Phrasing::Description => {
                        "screening projects and systems for high-risk processing of personal data"
                    }
                };
                assert!(text.contains(expected), "{phrasing:?}: {text}");
            }
        }
        let bare = Subject {
            name: "Python (computer programming)",
            aliases: &[],
            description: None,
            objects: &[],
        };
        assert!(!bare.allows(Phrasing::Alias) && !bare.allows(Phrasing::Description));
        assert_eq!(ask(&mut rng, &bare, Phrasing::Context), None);
        let text = ask(&mut rng, &bare, Phrasing::Name).expect("always allowed");
        assert!(text.contains("python") && !text.contains('('), "{text}");
    }

    #[test]
    fn descriptions_become_needs() {
        let cases = [
            (
                "Deciding and applying how long each class of record must be kept, based on legal requirements.",
                Need::Doing,
                "deciding and applying how long each class of record must be kept",
            ),
            (
                "Information security involves maintaining the security, confidentiality and integrity of information.",
                Need::Doing,
                "maintaining the security, confidentiality and integrity of information",
            ),
            (
                "Design a multi-tier cloud architecture solution, which tolerates faults.",
                Need::Able,
                "design a multi-tier cloud architecture solution",
            ),
            (
                "The law governing employment: contracts, unfair dismissal, discrimination.",
                Need::Knowing,
                "the law governing employment",
            ),
            (
                "You can: - put in place continuous cyber and information security awareness and education programs - develop",
                Need::Able,
                "put in place continuous cyber and information security awareness and education programs",
            ),
        ];
        for (description, kind, phrase) in cases {
            assert_eq!(
                need(description),
                Some((kind, phrase.to_owned())),
                "{description}"
            );
        }
        assert_eq!(
            need(
                "Continuity management involves clearly defining processes and remediation plans."
            )
            .map(|(kind, _)| kind),
            Some(Need::Doing)
        );
        assert_eq!(need("Statistics."), None);
        assert_eq!(need("You can: - x"), None);
    }
}
