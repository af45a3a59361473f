//! Ranking settings (`[ranking]` in the config file). Defaults were chosen with
//! `tacit eval` on the demo organisation's relevance sets.

use serde::Deserialize;

use crate::graph::EdgeWeights;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RankConfig {
    /// Chance a walk restarts at the seeds at each step.
    pub restart: f32,
    /// Forward-push threshold: residual per unit of degree left unpushed.
    pub epsilon: f32,
    pub weights: EdgeWeights,
    pub seeds: SeedWeights,
    /// Working hours, local time, for the overlap filter.
    pub work_start_hour: u32,
    pub work_end_hour: u32,
}

/// How much each kind of text match counts as a starting point for the walk.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SeedWeights {
    /// A skill whose whole name or alias appears in the question.
    pub skill_named: f32,
    /// A skill that shares words with the question.
    pub skill: f32,
    pub community: f32,
    pub evidence: f32,
    /// A published interview summary.
    pub interview: f32,
    /// How many matches of each kind become seeds.
    pub max_skills: usize,
    pub max_communities: usize,
    pub max_evidence: usize,
    pub max_interviews: usize,
}

impl Default for SeedWeights {
    fn default() -> Self {
        SeedWeights {
            skill_named: 3.0,
            skill: 1.0,
            community: 0.5,
            evidence: 0.8,
            interview: 1.0,
            max_skills: 8,
            max_communities: 4,
            max_evidence: 30,
            max_interviews: 5,
        }
    }
}

impl Default for RankConfig {
    fn default() -> Self {
        RankConfig {
            restart: 0.15,
            epsilon: 1e-5,
            weights: EdgeWeights::default(),
            seeds: SeedWeights::default(),
            work_start_hour: 9,
            work_end_hour: 17,
        }
    }
}
