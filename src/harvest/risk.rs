//! The knowledge-at-risk score, from who holds each skill, who is leaving,
//! and what the harvest has already secured. A holder is someone active or
//! leaving with the skill at level 3 or above ([`crate::domain::HOLDER_LEVEL`]).
//!
//! * **urgency**: the share of holders leaving, weighted by how soon
//!   (within 30 days 1.0, 31–90 days 0.6, 91–180 days 0.3). A leaving holder
//!   whose finished interview (completed or published) had the skill as a
//!   topic and recorded something for it (published, a successor named for
//!   it, or a question about it answered) counts half: what they knew is
//!   written down, though they go;
//! * **bus factor**: holders who stay beyond 180 days, plus successors named
//!   for the skill in a finished interview who stay and do not hold it yet;
//! * **scarcity**: `1 / (1 + bus factor)` — 1 when nobody stays, ½ with one.
//!
//! `score = 0.7 × urgency + 0.3 × scarcity`, between 0 and 1. A skill is at
//! risk when someone holding it leaves within 180 days, or when at most one
//! holder (or successor) would remain.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::refusal::Refusal;
use crate::store::{HarvestedHolding, RiskScope, SkillHolding, Store};

#[derive(Debug, Clone, PartialEq)]
pub struct SkillRisk {
    pub holding: SkillHolding,
    pub bus_factor: i64,
    pub score: f64,
    /// Leaving holders whose finished interview covered the skill.
    pub harvested_from: Vec<String>,
    /// Successors named for it who stay and do not hold it yet.
    pub successors: Vec<String>,
}

/// What the harvest has secured, per skill: whose interviews covered it
/// (with their leaving dates) and who was named to take it on.
#[derive(Debug, Clone, Default)]
pub struct Cover {
    harvested: HashMap<String, Vec<HarvestedHolding>>,
    successors: HashMap<String, Vec<String>>,
}

impl Cover {
    pub fn new(harvested: Vec<HarvestedHolding>, successors: Vec<(String, String)>) -> Cover {
        let mut cover = Cover::default();
        for h in harvested {
            cover
                .harvested
                .entry(h.skill_id.clone())
                .or_default()
                .push(h);
        }
        for (skill, person) in successors {
            cover.successors.entry(skill).or_default().push(person);
        }
        cover
    }

    /// What the store knows on `today` within `scope`.
    pub async fn load(
        store: &dyn Store,
        today: NaiveDate,
        scope: &RiskScope,
    ) -> Result<Cover, Refusal> {
        Ok(Cover::new(
            store.harvested_holdings(today, scope).await?,
            store.staying_successors(today, scope).await?,
        ))
    }
}

impl SkillRisk {
    /// The risk once `cover` is counted; `today` dates the harvested leavers
    /// (without it they count in the latest band).
    pub fn covered(h: SkillHolding, cover: &Cover, today: Option<NaiveDate>) -> SkillRisk {
        let harvested = cover
            .harvested
            .get(&h.skill_id)
            .map_or(&[][..], Vec::as_slice);
        let successors = cover
            .successors
            .get(&h.skill_id)
            .cloned()
            .unwrap_or_default();
        // Harvested leavers per band (cumulative, as the holding's counts are).
        let within = |days: i64| {
            harvested
                .iter()
                .filter(|x| match (today, x.leaving_on) {
                    (Some(t), Some(d)) => (d - t).num_days() <= days,
                    _ => days >= 180,
                })
                .count() as f64
        };
        let (h30, h90, h180) = (within(30), within(90), within(180));
        let holders = h.holders.max(1) as f64;
        let l30 = h.leaving_30 as f64 - 0.5 * h30;
        let l90 = (h.leaving_90 - h.leaving_30) as f64 - 0.5 * (h90 - h30);
        let l180 = (h.leaving_180 - h.leaving_90) as f64 - 0.5 * (h180 - h90);
        let urgency = ((l30 + 0.6 * l90 + 0.3 * l180) / holders).max(0.0);
        let bus_factor = (h.holders - h.leaving_180).max(0) + successors.len() as i64;
        let scarcity = 1.0 / (1.0 + bus_factor as f64);
        SkillRisk {
            score: 0.7 * urgency + 0.3 * scarcity,
            bus_factor,
            harvested_from: harvested.iter().map(|x| x.person_id.clone()).collect(),
            successors,
            holding: h,
        }
    }

    pub fn at_risk(&self) -> bool {
        self.holding.leaving_180 > 0 || self.bus_factor <= 1
    }
}

/// The skills at risk on `today` once `cover` is counted, highest score
/// first; ties by fewer remaining holders, then by skill id, so the order
/// never changes between calls.
pub fn assess(holdings: Vec<SkillHolding>, cover: &Cover, today: NaiveDate) -> Vec<SkillRisk> {
    let mut risks: Vec<SkillRisk> = holdings
        .into_iter()
        .map(|h| SkillRisk::covered(h, cover, Some(today)))
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
    let cover = Cover::load(store, today, scope).await?;
    let coverage: HashMap<String, i64> = store.harvest_coverage().await?.into_iter().collect();
    let mut list: Vec<CoveredRisk> = assess(holdings, &cover, today)
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

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).expect("date")
    }

    #[test]
    fn sooner_and_scarcer_rank_higher() {
        let ranked = assess(
            vec![
                h("many-staying", 10, 0, 0, 0),
                h("one-of-ten-soon", 10, 1, 1, 1),
                h("sole-holder-leaving", 1, 1, 1, 1),
                h("sole-holder-later", 1, 0, 0, 1),
                h("sole-holder-staying", 1, 0, 0, 0),
                h("two-one-leaving", 2, 0, 1, 1),
            ],
            &Cover::default(),
            today(),
        );
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

    #[test]
    fn a_harvest_halves_a_leaver_and_a_successor_counts_as_staying() {
        let sole = || h("sar", 1, 1, 1, 1);
        let before = SkillRisk::covered(sole(), &Cover::default(), Some(today()));
        assert!((before.score - 1.0).abs() < 1e-9);
        let laura = HarvestedHolding {
            skill_id: "sar".into(),
            person_id: "laura".into(),
            leaving_on: today().checked_add_days(chrono::Days::new(20)),
        };
        let harvested = Cover::new(vec![laura.clone()], vec![]);
        let after = SkillRisk::covered(sole(), &harvested, Some(today()));
        // Urgency 1 → ½: 0.7 × ½ + 0.3 × 1.
        assert!((after.score - 0.65).abs() < 1e-9, "{}", after.score);
        assert_eq!(after.harvested_from, ["laura"]);
        let with_successor = Cover::new(vec![laura], vec![("sar".into(), "eamon".into())]);
        let both = SkillRisk::covered(sole(), &with_successor, Some(today()));
        assert_eq!(both.bus_factor, 1);
        // 0.7 × ½ + 0.3 × ½.
        assert!((both.score - 0.5).abs() < 1e-9, "{}", both.score);
        assert_eq!(both.successors, ["eamon"]);
        assert!(both.score < after.score && after.score < before.score);
        // Still at risk: its only holder leaves, whatever was written down.
        assert!(both.at_risk());
    }
}
