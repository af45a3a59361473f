//! Reading a question before ranking: which of its words carry a topic, which
//! misspelt words are skill names, whom it names, and what it matches in the
//! text index (documents, skills, communities, published summaries).

use std::collections::HashSet;

use crate::graph::{NodeId, NodeKind, Snapshot};

use super::config::RankConfig;
use super::text::TextIndex;

/// People a question can name at most.
const MAX_NAMED: usize = 5;
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
    /// The topic terms searched for, with weights.
    pub terms: Vec<(String, f32)>,
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
    /// People whose name the question is (or contains).
    pub named_people: Vec<NodeId>,
    /// Share of the question's topic words that anything in the organisation holds.
    pub coverage: f32,
}

impl Question {
    /// Whether the question names a skill (its whole name or an alias).
    pub fn names_skill(&self) -> bool {
        self.skills.iter().any(|s| s.2)
    }
}

/// Most edits allowed to correct a word of `len` characters.
fn edits_allowed(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Reads `text` against the index and the snapshot.
pub fn read(g: &Snapshot, index: &TextIndex, cfg: &RankConfig, text: &str) -> Question {
    let mut terms = index.question_terms(text);
    if terms.is_empty() {
        return Question::default();
    }
    let mut corrections = Vec::new();
    let mut unknown: HashSet<String> = HashSet::new();
    for t in &mut terms {
        let allowed = edits_allowed(t.chars().count());
        if allowed == 0 || t.chars().any(|c| c.is_ascii_digit()) || index.doc_freq(t) > 0 {
            continue;
        }
        match index.closest_skill_word(t, allowed) {
            Some((term, word)) => {
                if !corrections.iter().any(|c: &Correction| c.to == word) {
                    corrections.push(Correction {
                        from: t.clone(),
                        to: word,
                    });
                }
                *t = term;
            }
            None => {
                unknown.insert(t.clone());
            }
        }
    }
    let distinct: HashSet<&str> = terms.iter().map(String::as_str).collect();
    let coverage = 1.0 - unknown.len() as f32 / distinct.len().max(1) as f32;
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
            let named = g
                .external_id(n)
                .and_then(|id| index.named_as(id, &distinct));
            if let Some(Some(alias)) = &named {
                aliases.push((n, alias.clone()));
            }
            (n, score, named.is_some())
        })
        .collect();
    let named_people = search(NodeKind::Person, MAX_NAMED)
        .into_iter()
        .map(|(n, _)| n)
        .filter(|&n| is_named(index, g.label(n), &distinct))
        .collect();
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
        coverage,
        terms: weighted,
    }
}

/// A person is named when every word of their name is in a short question,
/// or when a very short question is made only of words of their name.
fn is_named(index: &TextIndex, name: &str, question: &HashSet<&str>) -> bool {
    let name: HashSet<String> = index.terms(name).into_iter().collect();
    if name.is_empty() || question.len() > NAME_QUESTION_TERMS {
        return false;
    }
    name.iter().all(|t| question.contains(t.as_str()))
        || (question.len() <= NAME_ONLY_TERMS && question.iter().all(|t| name.contains(*t)))
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
            [t] => corrections.iter().find(|c| &c.from == t).map(|c| &c.to),
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
