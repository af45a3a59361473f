//! Why a person was suggested: the strongest short paths from the question's
//! seeds to them, grouped ("wrote 4 documents tagged *X*") and put in words.
//! Every path is read off the snapshot, so every step of it is a real edge.

use std::collections::HashMap;

use crate::graph::{EdgeKind, NodeId, NodeKind, Snapshot};

/// What joins an alias to the skill it names in words.
const ALIAS_WORDS: &str = " — an alias of ";

/// How a reason from an "ask me about" topic begins.
pub const ASKED_WORDS: &str = "says to ask them about";

/// How many reasons a result carries.
pub const MAX_REASONS: usize = 3;

/// A chain of nodes from a seed to the person, with the kind of each step.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub nodes: Vec<NodeId>,
    pub edges: Vec<EdgeKind>,
    pub strength: f32,
}

/// Paths of one shape through the same seed, summed, with the strongest kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub path: Path,
    /// How many paths of this shape there are.
    pub count: usize,
    pub strength: f32,
    pub text: String,
}

/// All one- and two-step paths from a seed to `person`, strongest first.
pub fn paths(g: &Snapshot, seeds: &[(NodeId, f32)], person: NodeId) -> Vec<Path> {
    let csr = &g.csr;
    let mut found = Vec::new();
    for (x, _, kind_xp) in csr.neighbours(person) {
        let Some((p_xp, _)) = csr.edge(x, person) else {
            continue;
        };
        for &(s, w) in seeds {
            if s == x {
                found.push(Path {
                    nodes: vec![s, person],
                    edges: vec![kind_xp],
                    strength: w * p_xp,
                });
            } else if s != person
                && let Some((p_sx, kind_sx)) = csr.edge(s, x)
            {
                found.push(Path {
                    nodes: vec![s, x, person],
                    edges: vec![kind_sx, kind_xp],
                    strength: w * p_sx * p_xp,
                });
            }
        }
    }
    found.sort_by(|a, b| {
        b.strength
            .total_cmp(&a.strength)
            .then_with(|| a.nodes.cmp(&b.nodes))
    });
    found
}

/// The strongest reasons, grouped by shape and seed, none said twice.
/// `reveal` lets the words name the leaver of an unpublished interview (for
/// HR); `aliases` are skills the question named by an alias, which the words
/// then name ("*Kubernetes* — an alias of *Manage ICT virtualisation environments*").
pub fn reasons(
    g: &Snapshot,
    seeds: &[(NodeId, f32)],
    person: NodeId,
    reveal: bool,
    aliases: &[(NodeId, String)],
) -> Vec<Reason> {
    let mut groups: HashMap<(Vec<EdgeKind>, NodeId), Reason> = HashMap::new();
    // A path through something the reader may not see is dropped whole:
    // even its shape (an interview "harvested from" the person) would say
    // what is hidden.
    let paths = paths(g, seeds, person).into_iter().filter(|p| {
        p.nodes
            .iter()
            .all(|&n| n == person || visible(g, n, reveal))
    });
    for path in paths {
        // Two-step paths through the same seed and of the same shape are one
        // reason ("4 documents tagged X"); one-step paths stand alone.
        let key = (path.edges.clone(), path.nodes[0]);
        let strength = path.strength;
        groups
            .entry(key)
            .and_modify(|r| {
                r.count += 1;
                r.strength += strength;
            })
            .or_insert(Reason {
                path,
                count: 1,
                strength,
                text: String::new(),
            });
    }
    let mut reasons: Vec<Reason> = groups.into_values().collect();
    reasons.sort_by(|a, b| {
        b.strength
            .total_cmp(&a.strength)
            .then_with(|| a.path.nodes.cmp(&b.path.nodes))
    });
    let mut said: Vec<Reason> = Vec::with_capacity(MAX_REASONS);
    for mut r in reasons {
        if said.len() == MAX_REASONS {
            break;
        }
        // An alias is explained once; later reasons name the skill itself.
        let explained = said.iter().any(|s| s.text.contains(ALIAS_WORDS));
        r.text = describe(g, &r, reveal, if explained { &[] } else { aliases });
        if !r.text.is_empty() && !said.iter().any(|s| s.text == r.text) {
            said.push(r);
        }
    }
    said
}

/// A reason that is not a path through the graph (a name match, say): the
/// person alone, in the words given.
pub fn said(text: &str, person: NodeId) -> Reason {
    Reason {
        path: Path {
            nodes: vec![person],
            edges: vec![],
            strength: 0.0,
        },
        count: 1,
        strength: 0.0,
        text: text.to_string(),
    }
}

/// Whether a reader may see node `n` on a path or in a neighbourhood:
/// unpublished interviews and people who left or opted out of search are
/// seen only by readers who may `reveal` them (HR and admins).
pub fn visible(g: &Snapshot, n: NodeId, reveal: bool) -> bool {
    match g.kind(n) {
        Some(NodeKind::Interview) => interview_visible(g, n, reveal),
        Some(NodeKind::Person) => reveal || g.is_contact(n),
        _ => true,
    }
}

/// Whether the reader may learn whose interview `n` is.
pub fn interview_visible(g: &Snapshot, n: NodeId, reveal: bool) -> bool {
    reveal || g.interview(n).is_some_and(|i| i.published)
}

/// "named by leaver *A. Byrne* as successor for *X*", or, when the reader may
/// not see the interview, "named as successor for *X* by a colleague". The
/// topics are those the person was named for, `seed` first when it is one.
fn successor_words(
    g: &Snapshot,
    interview: NodeId,
    person: NodeId,
    seed: Option<NodeId>,
    reveal: bool,
) -> String {
    let Some(info) = g.interview(interview) else {
        return String::new();
    };
    let me = g.external_id(person).unwrap_or_default();
    let seed_id = seed.and_then(|s| g.external_id(s));
    let mut topics: Vec<&str> = info
        .successors
        .iter()
        .filter(|(p, _)| p == me)
        .map(|(_, k)| k.as_str())
        .collect();
    topics.sort_by_key(|k| (Some(*k) != seed_id, *k));
    let names: Vec<String> = topics
        .iter()
        .take(2)
        .filter_map(|k| g.node(NodeKind::Skill, k))
        .map(|k| format!("*{}*", g.label(k)))
        .collect();
    let what = if names.is_empty() {
        String::new()
    } else {
        format!(" for {}", names.join(" and "))
    };
    if interview_visible(g, interview, reveal) {
        format!("named by leaver {} as successor{what}", info.leaver_name)
    } else {
        format!("named as successor{what} by a colleague")
    }
}

/// Whether `person` holds `skill` only because they say to ask them about it.
fn asked_about(g: &Snapshot, person: NodeId, skill: NodeId) -> bool {
    let skill = g.external_id(skill).unwrap_or_default();
    g.person(person).is_some_and(|p| p.asked_about(skill))
}

/// One reason in words, naming what the path goes through.
fn describe(g: &Snapshot, r: &Reason, reveal: bool, aliases: &[(NodeId, String)]) -> String {
    let name = |n: NodeId| match aliases.iter().find(|a| a.0 == n) {
        Some((_, alias)) => format!("*{alias}*{ALIAS_WORDS}*{}*", g.label(n)),
        None => format!("*{}*", g.label(n)),
    };
    let nodes = &r.path.nodes;
    let documents = |n: usize| {
        if n == 1 {
            "a document".to_string()
        } else {
            format!("{n} documents")
        }
    };
    use EdgeKind::*;
    match (r.path.edges.as_slice(), nodes.as_slice()) {
        ([SuccessorFor], [i, p]) => successor_words(g, *i, *p, None, reveal),
        ([Covers, SuccessorFor], [s, i, p]) => successor_words(g, *i, *p, Some(*s), reveal),
        ([_, SuccessorFor], [_, i, p]) => successor_words(g, *i, *p, None, reveal),
        ([HarvestedFrom], [i, _]) if interview_visible(g, *i, reveal) => {
            "shared what they know in a published interview".to_string()
        }
        ([Covers, HarvestedFrom], [s, i, _]) if interview_visible(g, *i, reveal) => {
            format!("was interviewed about {} before leaving", name(*s))
        }
        ([Covers, HarvestedFrom], [s, _, _]) => format!("linked to {}", name(*s)),
        ([HasSkill], [s, p]) if asked_about(g, *p, *s) => format!("{ASKED_WORDS} {}", name(*s)),
        ([HasSkill], [s, _]) => format!("has the skill {}", name(*s)),
        ([Authored], [e, _]) => format!("wrote {}", name(*e)),
        ([MemberOf], [c, _]) => format!("member of {}", name(*c)),
        ([Tagged, Authored], [s, e, _]) if r.count == 1 => {
            format!("wrote {} on {}", name(*e), name(*s))
        }
        ([Tagged, Authored], [s, _, _]) => {
            format!("wrote {} tagged {}", documents(r.count), name(*s))
        }
        ([About, MemberOf], [s, c, _]) => {
            format!("member of {}, which covers {}", name(*c), name(*s))
        }
        ([Related | Broader, HasSkill], [s, k, _]) => {
            format!("has the skill {}, close to {}", name(*k), name(*s))
        }
        ([Tagged, HasSkill], [e, k, _]) => {
            format!("has the skill {}, the topic of {}", name(*k), name(*e))
        }
        ([MemberOf, ReportsTo], [c, m, _]) => {
            format!("works with {} of {}", g.label(*m), name(*c))
        }
        ([_, ReportsTo], [s, m, _]) => {
            format!("works with {}, who is linked to {}", g.label(*m), name(*s))
        }
        ([_, Authored], [s, e, _]) => format!("wrote {}, linked to {}", name(*e), name(*s)),
        ([_, _], [s, x, _])
            if g.kind(*x) == Some(NodeKind::Interview) && !interview_visible(g, *x, reveal) =>
        {
            format!("linked to {} through a colleague's interview", name(*s))
        }
        ([_, _], [s, x, _]) => format!("linked to {} through {}", name(*s), name(*x)),
        _ => match nodes.first() {
            Some(s)
                if g.kind(*s) == Some(NodeKind::Interview) && !interview_visible(g, *s, reveal) =>
            {
                "linked through a colleague's interview".to_string()
            }
            Some(s) => format!("linked to {}", name(*s)),
            None => String::new(),
        },
    }
}

/// The reasons joined into one sentence.
pub fn sentence(reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Skill seeds the person holds directly, strongest seed first.
pub fn matched_skills(g: &Snapshot, seeds: &[(NodeId, f32)], person: NodeId) -> Vec<NodeId> {
    let mut held: Vec<(NodeId, f32)> = seeds
        .iter()
        .filter(|(s, _)| g.kind(*s) == Some(NodeKind::Skill))
        .filter(|(s, _)| matches!(g.csr.edge(person, *s), Some((_, EdgeKind::HasSkill))))
        .copied()
        .collect();
    held.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    held.into_iter().map(|(s, _)| s).collect()
}
