//! Relevance judgments: for each query, how relevant each judged person is.

use std::collections::{BTreeMap, HashMap};

/// The judgments of one query: person id → relevance grade (0 not relevant,
/// 1 relevant, 2 highly relevant; any grade ≥ 1 counts as relevant).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Judgments(BTreeMap<String, u32>);

impl Judgments {
    /// The grade of `person`; 0 when the person was not judged.
    pub fn relevance(&self, person: &str) -> u32 {
        self.0.get(person).copied().unwrap_or(0)
    }

    /// Records a grade and returns the previous one, if the person was judged already.
    pub fn insert(&mut self, person: impl Into<String>, relevance: u32) -> Option<u32> {
        self.0.insert(person.into(), relevance)
    }

    /// How many judged people are relevant (grade ≥ 1).
    pub fn relevant_count(&self) -> usize {
        self.0.values().filter(|&&r| r >= 1).count()
    }

    /// False when nobody is relevant: such a query cannot be scored.
    pub fn has_relevant(&self) -> bool {
        self.0.values().any(|&r| r >= 1)
    }

    /// The graded gains of everyone judged, in no particular order.
    pub fn gains(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.values().copied()
    }

    /// `(person id, grade)` by person id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.0.iter().map(|(p, &r)| (p.as_str(), r))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<S: Into<String>> FromIterator<(S, u32)> for Judgments {
    fn from_iter<I: IntoIterator<Item = (S, u32)>>(iter: I) -> Self {
        Judgments(iter.into_iter().map(|(p, r)| (p.into(), r)).collect())
    }
}

/// All judgments of an evaluation set, by query id. Queries keep the order in
/// which they were first seen, so writing them back is deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Qrels {
    order: Vec<String>,
    by_query: HashMap<String, Judgments>,
}

impl Qrels {
    /// The judgments of one query, if it has any.
    pub fn get(&self, query_id: &str) -> Option<&Judgments> {
        self.by_query.get(query_id)
    }

    /// Records one judgment and returns the previous grade of that person for that
    /// query, if any.
    pub fn insert(
        &mut self,
        query_id: &str,
        person_id: impl Into<String>,
        relevance: u32,
    ) -> Option<u32> {
        if !self.by_query.contains_key(query_id) {
            self.order.push(query_id.to_owned());
        }
        self.by_query
            .entry(query_id.to_owned())
            .or_default()
            .insert(person_id, relevance)
    }

    /// `(query id, judgments)` in the order queries were first seen.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Judgments)> {
        self.order
            .iter()
            .filter_map(|q| self.by_query.get(q).map(|j| (q.as_str(), j)))
    }

    /// The number of queries with at least one judgment.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}
