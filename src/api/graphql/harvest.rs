//! Knowledge harvest for HR: the knowledge at risk when people leave.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{NaiveDate, Utc};

use crate::error::ApiResult;
use crate::harvest::{self, SkillRisk as Risk};
use crate::store::RiskScope;

use super::State;
use super::ids::Kind;
use super::query::{external, page_size};
use super::types::{Skill, loaders};

#[derive(InputObject, Default)]
pub struct RiskFilter {
    /// Count only holders based in this office.
    pub office_id: Option<ID>,
    /// Count only holders in this org unit (exact name).
    pub org_unit: Option<String>,
}

/// A skill whose holders are few or leaving soon.
pub struct SkillRisk(Risk);

#[Object]
impl SkillRisk {
    async fn skill(&self, ctx: &Context<'_>) -> ApiResult<Option<Skill>> {
        Ok(loaders(ctx)?
            .skill
            .load_one(self.0.holding.skill_id.clone())
            .await?
            .map(Skill))
    }
    /// Active or leaving people who hold it at level 3 or above.
    async fn holders(&self) -> i64 {
        self.0.holding.holders
    }
    async fn leaving_within_30_days(&self) -> i64 {
        self.0.holding.leaving_30
    }
    async fn leaving_within_90_days(&self) -> i64 {
        self.0.holding.leaving_90
    }
    async fn leaving_within_180_days(&self) -> i64 {
        self.0.holding.leaving_180
    }
    /// Holders who stay beyond 180 days.
    async fn bus_factor(&self) -> i64 {
        self.0.bus_factor
    }
    /// 0–1: 0.7 × the share of holders leaving (sooner weighs more) + 0.3 × 1/(1 + bus factor).
    async fn risk_score(&self) -> f64 {
        self.0.score
    }
}

#[derive(Default)]
pub struct HarvestQuery;

#[Object]
impl HarvestQuery {
    /// Skills at risk (a holder leaves within 180 days, or at most one would
    /// remain), highest risk first. HR and admins.
    async fn knowledge_at_risk(
        &self,
        ctx: &Context<'_>,
        filter: Option<RiskFilter>,
        #[graphql(default = 50)] first: i32,
        #[graphql(desc = "The day to count from; today when absent.")] as_of: Option<NaiveDate>,
    ) -> ApiResult<Vec<SkillRisk>> {
        let first = page_size(first)?;
        let f = filter.unwrap_or_default();
        let scope = RiskScope {
            office_id: f
                .office_id
                .map(|id| external(Kind::Office, &id))
                .transpose()?,
            org_unit: f
                .org_unit
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty()),
        };
        let today = as_of.unwrap_or_else(|| Utc::now().date_naive());
        let holdings = State::of(ctx)?.store.skill_holdings(today, &scope).await?;
        Ok(harvest::assess(holdings)
            .into_iter()
            .take(first)
            .map(SkillRisk)
            .collect())
    }
}
