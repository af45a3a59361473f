//! Ranking settings (`[ranking]` in the config file). Defaults were chosen with
//! `tacit tune` on real question-and-answer data, one site left out at a time
//! (docs/ranking.md), and checked against the demo organisation's judgments.

use serde::{Deserialize, Serialize};

use crate::graph::EdgeWeights;

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct RankConfig {
    /// Chance a walk restarts at the seeds at each step.
    pub restart: f32,
    /// Forward-push threshold: residual per unit of degree left unpushed.
    pub epsilon: f32,
    pub weights: EdgeWeights,
    pub seeds: SeedWeights,
    pub fusion: FusionWeights,
    /// Working hours, local time, for the overlap filter.
    pub work_start_hour: u32,
    pub work_end_hour: u32,
}

/// How much each kind of text match counts as a starting point for the walk.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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

/// How the signals are read off the question's matches and fused into one
/// score (`[ranking.fusion]`). Each signal is scaled to its best person
/// before the weights apply, so the weights compare like with like.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct FusionWeights {
    /// The personalised PageRank walk from the seeds.
    pub walk: f32,
    /// Documents voted to their authors (Balog's Model 2): each matched
    /// document's score, scaled to the best, times the authorship weight.
    pub documents: f32,
    /// The topics (skills) the matched documents are tagged with, then people
    /// by what they wrote under those topics and the skills they hold.
    pub topics: f32,
    /// How much people contribute in the communities the question belongs to
    /// (inferred from who wrote the matched documents, and the asker's own).
    pub activity: f32,
    /// Documents read per question for the three signals above.
    pub documents_read: usize,
    /// Each document's vote is its score relative to the best to this power:
    /// higher trusts the best matches more.
    pub sharpness: f32,
    /// Topics kept for the topic signal.
    pub max_topics: usize,
    /// Communities kept for the activity signal.
    pub max_communities: usize,
    /// Share of the community guess given to the asker's own communities
    /// (a hint to the topic; it never lowers anyone's score).
    pub asker_hint: f32,
    /// A person's contribution counts to this power (below 1 damps the
    /// busiest few).
    pub activity_power: f32,
    /// Holding a topic's skill, as against writing one document under it.
    pub holder: f32,
    /// The most specific terms of a long question that are searched.
    pub query_terms: usize,
    /// 0 fuses the scaled scores; above 0, each signal's ranks instead, as
    /// reciprocal-rank fusion with this constant (60 is usual).
    pub rank_constant: f32,
}

impl Default for FusionWeights {
    fn default() -> Self {
        FusionWeights {
            walk: 0.5,
            documents: 0.0,
            topics: 1.0,
            activity: 1.0,
            documents_read: 100,
            sharpness: 1.0,
            max_topics: 20,
            max_communities: 3,
            asker_hint: 0.5,
            activity_power: 0.5,
            holder: 8.0,
            query_terms: 32,
            rank_constant: 0.0,
        }
    }
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
            fusion: FusionWeights::default(),
            work_start_hour: 9,
            work_end_hour: 17,
        }
    }
}

impl RankConfig {
    /// Settings that would make the ranking meaningless are refused with the
    /// setting named (negative or non-finite weights, a hint outside 0–1, no
    /// question terms at all).
    pub fn check(&self) -> Result<(), String> {
        let f = &self.fusion;
        for (name, v) in [
            ("fusion.walk", f.walk),
            ("fusion.documents", f.documents),
            ("fusion.topics", f.topics),
            ("fusion.activity", f.activity),
            ("fusion.sharpness", f.sharpness),
            ("fusion.activity_power", f.activity_power),
            ("fusion.holder", f.holder),
            ("fusion.rank_constant", f.rank_constant),
        ] {
            if !v.is_finite() || v < 0.0 {
                return Err(format!("{name} must be a number of 0 or more, not {v}"));
            }
        }
        if !(0.0..=1.0).contains(&f.asker_hint) {
            return Err(format!(
                "fusion.asker_hint must be between 0 and 1, not {}",
                f.asker_hint
            ));
        }
        if !(0.0..1.0).contains(&self.restart) || self.restart <= 0.0 {
            return Err(format!(
                "restart must be above 0 and below 1, not {}",
                self.restart
            ));
        }
        if f.query_terms == 0 {
            return Err("fusion.query_terms must be at least 1".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_and_meaningless_settings_are_named() {
        assert_eq!(RankConfig::default().check(), Ok(()));
        let mut c = RankConfig::default();
        c.fusion.topics = -1.0;
        assert!(c.check().unwrap_err().contains("fusion.topics"));
        let mut c = RankConfig::default();
        c.fusion.asker_hint = 1.5;
        assert!(c.check().unwrap_err().contains("fusion.asker_hint"));
        let mut c = RankConfig::default();
        c.fusion.query_terms = 0;
        assert!(c.check().unwrap_err().contains("fusion.query_terms"));
        let c = RankConfig {
            restart: 1.0,
            ..RankConfig::default()
        };
        assert!(c.check().unwrap_err().contains("restart"));
    }
}
