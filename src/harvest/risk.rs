//! The knowledge-at-risk score, from who holds each skill and who is leaving.
//!
//! * **urgency**: the share of holders leaving, weighted by how soon
//!   (within 30 days 1.0, 31–90 days 0.6, 91–180 days 0.3);
//! * **bus factor**: holders who stay beyond 180 days;
//! * **scarcity**: `1 / (1 + bus factor)` — 1 when nobody stays, ½ with one.
//!
//! `score = 0.7 × urgency + 0.3 × scarcity`, between 0 and 1. A skill is at
//! risk when someone holding it leaves within 180 days, or when at most one
//! holder would remain.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::refusal::Refusal;
use crate::store::{RiskScope, SkillHolding, Store};

#[derive(Debug, Clone, PartialEq)]
pub struct SkillRisk {
    pub holding: SkillHolding,
    pub bus_factor: i64,
    pub score: f64,
}

impl SkillRisk {
    pub fn of(h: SkillHolding) -> SkillRisk {
        let holders = h.holders.max(1) as f64;
        let l30 = h.leaving_30 as f64;
        let l90 = (h.leaving_90 - h.leaving_30) as f64;
        let l180 = (h.leaving_180 - h.leaving_90) as f64;
        let urgency = (l30 + 0.6 * l90 + 0.3 * l180) / holders;
        let bus_factor = (h.holders - h.leaving_180).max(0);
        let scarcity = 1.0 / (1.0 + bus_factor as f64);
        SkillRisk {
            score: 0.7 * urgency + 0.3 * scarcity,
            bus_factor,
            holding: h,
        }
    }

    pub fn at_risk(&self) -> bool {
        self.holding.leaving_180 > 0 || self.bus_factor <= 1
    }
}

/// The skills at risk, highest score first; ties by fewer remaining holders,
/// then by skill id, so the order never changes between calls.
pub fn assess(holdings: Vec<SkillHolding>) -> Vec<SkillRisk> {
    let mut risks: Vec<SkillRisk> = holdings
        .into_iter()
        .map(SkillRisk::of)
        .filter(SkillRisk::at_risk)
        .collect();
    risks.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.bus_factor.cmp(&b.bus_factor))
            .then_with(|| a.holding.skill_id.cmp(&b.holding.skill_id))
    });
    risks
}

/// How to order the skills at risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RiskOrder {
    /// Highest risk score first.
    #[default]
    Risk,
    /// Fewest holders staying beyond 180 days first.
    BusFactor,
    /// Most holders leaving within 90 days first.
    LeavingSoon,
    /// Most leaving holders without a completed interview covering it first.
    Uncovered,
}

/// A skill at risk and how many completed harvests cover it.
#[derive(Debug, Clone, PartialEq)]
pub struct CoveredRisk {
    pub risk: SkillRisk,
    pub covered: i64,
}

/// The first `first` skills at risk on `today` within `scope`, in `order`
/// (a stable sort keeps the risk order among equals).
pub async fn knowledge_at_risk(
    store: &dyn Store,
    today: NaiveDate,
    scope: &RiskScope,
    order: RiskOrder,
    first: usize,
) -> Result<Vec<CoveredRisk>, Refusal> {
    let holdings = store.skill_holdings(today, scope).await?;
    let coverage: HashMap<String, i64> = store.harvest_coverage().await?.into_iter().collect();
    let mut list: Vec<CoveredRisk> = assess(holdings)
        .into_iter()
        .map(|risk| CoveredRisk {
            covered: coverage.get(&risk.holding.skill_id).copied().unwrap_or(0),
            risk,
        })
        .collect();
    match order {
        RiskOrder::Risk => {}
        RiskOrder::BusFactor => list.sort_by_key(|r| r.risk.bus_factor),
        RiskOrder::LeavingSoon => {
            list.sort_by_key(|r| std::cmp::Reverse(r.risk.holding.leaving_90))
        }
        RiskOrder::Uncovered => {
            list.sort_by_key(|r| std::cmp::Reverse((r.risk.holding.leaving_180 - r.covered).max(0)))
        }
    }
    list.truncate(first);
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(id: &str, holders: i64, l30: i64, l90: i64, l180: i64) -> SkillHolding {
        SkillHolding {
            skill_id: id.into(),
            holders,
            leaving_30: l30,
            leaving_90: l90,
            leaving_180: l180,
        }
    }

    #[test]
    fn sooner_and_scarcer_rank_higher() {
        let ranked = assess(vec![
            h("many-staying", 10, 0, 0, 0),
            h("one-of-ten-soon", 10, 1, 1, 1),
            h("sole-holder-leaving", 1, 1, 1, 1),
            h("sole-holder-later", 1, 0, 0, 1),
            h("sole-holder-staying", 1, 0, 0, 0),
            h("two-one-leaving", 2, 0, 1, 1),
        ]);
        let order: Vec<&str> = ranked.iter().map(|r| r.holding.skill_id.as_str()).collect();
        assert_eq!(
            order,
            // Losing the only holder in five months outweighs losing one of
            // two in two months: afterwards nobody would know.
            [
                "sole-holder-leaving",
                "sole-holder-later",
                "two-one-leaving",
                "sole-holder-staying",
                "one-of-ten-soon"
            ]
        );
        assert!((ranked[0].score - 1.0).abs() < 1e-9);
        assert_eq!(ranked[0].bus_factor, 0);
        assert!(ranked.iter().all(|r| (0.0..=1.0).contains(&r.score)));
    }
}
