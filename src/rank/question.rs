//! Reading a question before ranking: which of its words carry a topic, which
//! misspelt words are skill names, whom it names, and what it matches in the
//! text index (documents, skills, communities, published summaries).

use std::collections::{HashMap, HashSet};

use crate::graph::{NodeId, NodeKind, Snapshot};

use super::config::RankConfig;
use super::text::TextIndex;

/// People found by their "ask me about" topics, at most.
const MAX_ASKED: usize = 50;
/// People a question can name at most.
const MAX_NAMED: usize = 25;
/// A question this short may be a name on its own ("Singh").
const NAME_ONLY_TERMS: usize = 3;
/// Only a question this short is looked at for names ("is Laura Singh around
/// this week?"): in a long one a colleague's first name is just a word.
const NAME_QUESTION_TERMS: usize = 6;

/// A word of the question taken to mean a skill word.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub from: String,
    pub to: String,
}

/// What a question matched.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Question {
    /// Misspelt words read as skill words.
    pub corrections: Vec<Correction>,
    /// The question as searched when a word was corrected ("showing results for").
    pub corrected: Option<String>,
    /// Documents, best first, with their BM25 scores.
    pub documents: Vec<(NodeId, f32)>,
    /// Skills, best first: `(skill, score, whether its whole name or an alias is in the question)`.
    pub skills: Vec<(NodeId, f32, bool)>,
    /// Skills the question names only by an alias, with the alias.
    pub aliases: Vec<(NodeId, String)>,
    pub communities: Vec<(NodeId, f32)>,
    /// Published interview summaries.
    pub interviews: Vec<(NodeId, f32)>,
    /// People whose name the question is (or contains), and whether it gives
    /// their whole name (a surname alone may be anyone's).
    pub named_people: Vec<(NodeId, bool)>,
    /// People who say to ask them about what the question asks, best first,
    /// with the topic of theirs that matched best.
    pub asked: Vec<(NodeId, f32, String)>,
    /// Share of the question's topic words that anything in the organisation holds.
    pub coverage: f32,
}

impl Question {
    /// Whether the question names a skill (its whole name or an alias).
    pub fn names_skill(&self) -> bool {
        self.skills.iter().any(|s| s.2)
    }

    /// The skills the question names.
    pub fn named_skills(&self) -> Vec<NodeId> {
        self.skills.iter().filter(|s| s.2).map(|s| s.0).collect()
    }
}

/// Most edits allowed to correct a word of `len` characters.
/// (Four letters and fewer are left alone: "dati" is Italian, not a
/// misspelt "data".)
fn edits_allowed(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

/// Reads `text` against the index and the snapshot.
pub fn read(g: &Snapshot, index: &TextIndex, cfg: &RankConfig, text: &str) -> Question {
    let terms = index.question_terms(text);
    if terms.is_empty() {
        return Question::default();
    }
    // Each distinct word is looked up once: known, corrected, or unknown.
    let mut corrections: Vec<Correction> = Vec::new();
    let mut fixed: HashMap<String, Option<String>> = HashMap::new();
    for t in &terms {
        if fixed.contains_key(t) {
            continue;
        }
        // A colleague's name is a known word, never corrected to a skill word.
        let fix = if index.doc_freq(t) > 0 || index.in_a_name(t) {
            Some(t.clone())
        } else {
            let allowed = edits_allowed(t.chars().count());
            let spelt = allowed > 0 && !t.chars().any(|c| c.is_ascii_digit());
            match index.closest_skill_word(t, allowed).filter(|_| spelt) {
                Some((term, word)) => {
                    if !corrections.iter().any(|c| c.to == word) {
                        corrections.push(Correction {
                            from: typed_word(text, index, t).unwrap_or_else(|| t.clone()),
                            to: word,
                        });
                    }
                    Some(term)
                }
                None => None,
            }
        };
        fixed.insert(t.clone(), fix);
    }
    let unknown = fixed.values().filter(|f| f.is_none()).count();
    let coverage = 1.0 - unknown as f32 / fixed.len().max(1) as f32;
    let terms: Vec<String> = terms
        .iter()
        .map(|t| fixed.get(t).cloned().flatten().unwrap_or_else(|| t.clone()))
        .collect();
    let distinct: HashSet<&str> = terms.iter().map(String::as_str).collect();
    // Skill names are matched against every word, question words included
    // ("Help desk", "People management").
    let every_word: Vec<String> = index
        .terms(text)
        .into_iter()
        .map(|t| fixed.get(&t).cloned().flatten().unwrap_or(t))
        .collect();
    let whole: HashSet<&str> = every_word.iter().map(String::as_str).collect();
    let weighted = index.salient(&terms, cfg.fusion.query_terms);
    let search = |kind: NodeKind, limit: usize| -> Vec<(NodeId, f32)> {
        match index.search_weighted(&weighted, kind, limit) {
            Ok(hits) => hits
                .into_iter()
                // The index may briefly hold an entity the snapshot does not yet have.
                .filter_map(|(id, score)| Some((g.node(kind, &id)?, score)))
                .collect(),
            Err(e) => {
                tracing::warn!(error = %e, "text search failed");
                vec![]
            }
        }
    };
    let s = &cfg.seeds;
    let mut aliases = Vec::new();
    let skills = search(NodeKind::Skill, s.max_skills)
        .into_iter()
        .map(|(n, score)| {
            let named = g.external_id(n).and_then(|id| index.named_as(id, &whole));
            if let Some(Some(alias)) = &named {
                aliases.push((n, alias.clone()));
            }
            (n, score, named.is_some())
        })
        .collect();
    // A word that is a skill word ("grant", "ruby") is read as the skill, not
    // as part of someone's name, unless the whole name is there.
    let skill_words = distinct.iter().any(|t| index.is_skill_word(t));
    let candidates = if distinct.len() <= NAME_QUESTION_TERMS {
        search(NodeKind::Person, MAX_NAMED)
    } else {
        vec![]
    };
    let named_people = candidates
        .into_iter()
        .filter_map(|(n, _)| match naming(index, g.label(n), &distinct) {
            Some(Naming::Whole) => Some((n, true)),
            Some(Naming::Part) if !skill_words => Some((n, false)),
            _ => None,
        })
        .collect::<Vec<_>>();
    // A part of a name that only one person has names them as surely as the whole.
    let named_people = match named_people.as_slice() {
        [(n, false)] => vec![(*n, true)],
        _ => named_people,
    };
    Question {
        corrected: corrected_text(text, index, &corrections),
        corrections,
        documents: search(
            NodeKind::Evidence,
            cfg.fusion.documents_read.max(s.max_evidence),
        ),
        skills,
        aliases,
        communities: search(NodeKind::Community, s.max_communities),
        interviews: search(NodeKind::Interview, s.max_interviews),
        named_people,
        asked: asked(g, index, &weighted, &whole),
        coverage,
    }
}

/// People whose "ask me about" topics hold the question's words, each with
/// the topic sharing most of them.
fn asked(
    g: &Snapshot,
    index: &TextIndex,
    weighted: &[(String, f32)],
    question: &HashSet<&str>,
) -> Vec<(NodeId, f32, String)> {
    let hits = match index.search_person_text(weighted, MAX_ASKED) {
        Ok(hits) => hits,
        Err(e) => {
            tracing::warn!(error = %e, "text search failed");
            return vec![];
        }
    };
    hits.into_iter()
        .filter_map(|(id, score)| {
            let n = g.node(NodeKind::Person, &id)?;
            let topic = g
                .person(n)?
                .topics
                .iter()
                .map(|t| {
                    let shared = index
                        .terms(t)
                        .iter()
                        .filter(|w| question.contains(w.as_str()))
                        .count();
                    (shared, t)
                })
                .filter(|(shared, _)| *shared > 0)
                .max_by_key(|(shared, _)| *shared)?
                .1
                .to_string();
            Some((n, score, topic))
        })
        .collect()
}

/// How a question names someone.
enum Naming {
    /// Every word of their name is in a short question.
    Whole,
    /// A very short question is made only of words of their name ("Singh").
    Part,
}

fn naming(index: &TextIndex, name: &str, question: &HashSet<&str>) -> Option<Naming> {
    let name: HashSet<String> = index.terms(name).into_iter().collect();
    if name.is_empty() || question.len() > NAME_QUESTION_TERMS {
        None
    } else if name.iter().all(|t| question.contains(t.as_str())) {
        Some(Naming::Whole)
    } else if question.len() <= NAME_ONLY_TERMS && question.iter().all(|t| name.contains(*t)) {
        Some(Naming::Part)
    } else {
        None
    }
}

/// The word of `text` as typed whose analysed form is `term`.
fn typed_word(text: &str, index: &TextIndex, term: &str) -> Option<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty() && index.terms(w).first().map(String::as_str) == Some(term))
        .map(str::to_string)
}

/// The question with each corrected word replaced, or `None` when nothing was.
fn corrected_text(text: &str, index: &TextIndex, corrections: &[Correction]) -> Option<String> {
    if corrections.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let replaced = match index.terms(word).as_slice() {
            [t] => corrections
                .iter()
                .find(|c| index.terms(&c.from).first() == Some(t))
                .map(|c| &c.to),
            _ => None,
        };
        out.push_str(replaced.map_or(word.as_str(), String::as_str));
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    Some(out)
}
