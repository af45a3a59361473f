//! Knowledge harvest for HR: the knowledge at risk when people leave.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::NaiveDate;

use crate::error::ApiResult;
use crate::harvest::{self, SkillRisk as Risk};
use crate::store::RiskScope;

use super::State;
use super::ids::Kind;
use super::ids::external;
use super::query::page_size;
use super::types::{Person, Skill, load_many, loaders, skill_by_id};

/// How to order the knowledge-at-risk list; ties keep the risk order.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum RiskSort {
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

/// How to order the interview queue.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueSort {
    /// Highest priority first.
    #[default]
    Priority,
    /// Soonest leaving date first.
    LeavingDate,
    /// The riskiest single skill first.
    Risk,
}

impl From<RiskSort> for harvest::RiskOrder {
    fn from(s: RiskSort) -> Self {
        match s {
            RiskSort::Risk => harvest::RiskOrder::Risk,
            RiskSort::BusFactor => harvest::RiskOrder::BusFactor,
            RiskSort::LeavingSoon => harvest::RiskOrder::LeavingSoon,
            RiskSort::Uncovered => harvest::RiskOrder::Uncovered,
        }
    }
}

impl From<QueueSort> for harvest::QueueOrder {
    fn from(s: QueueSort) -> Self {
        match s {
            QueueSort::Priority => harvest::QueueOrder::Priority,
            QueueSort::LeavingDate => harvest::QueueOrder::LeavingDate,
            QueueSort::Risk => harvest::QueueOrder::Risk,
        }
    }
}

#[derive(InputObject, Default)]
pub struct RiskFilter {
    /// Count only holders based in this office.
    pub office_id: Option<ID>,
    /// Count only holders in this org unit (exact name).
    pub org_unit: Option<String>,
}

/// A skill whose holders are few or leaving soon.
pub struct SkillRisk(Risk, i64);

#[Object]
impl SkillRisk {
    async fn skill(&self, ctx: &Context<'_>) -> ApiResult<Option<Skill>> {
        skill_by_id(ctx, &self.0.holding.skill_id).await
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
    /// Holders who stay beyond 180 days, plus named successors who stay.
    async fn bus_factor(&self) -> i64 {
        self.0.bus_factor
    }
    /// 0–1: 0.7 × the share of holders leaving (sooner weighs more; a leaver
    /// whose finished interview covered the skill counts half) + 0.3 ×
    /// 1/(1 + bus factor). The rule is in `harvest::risk`.
    async fn risk_score(&self) -> f64 {
        self.0.score
    }
    /// Leavers whose finished interview recorded something for it (published,
    /// a successor named for it, or a question about it answered): the harvest
    /// the risk rule counts.
    async fn harvested_from(&self, ctx: &Context<'_>) -> ApiResult<Vec<Person>> {
        people(ctx, &self.0.harvested_from).await
    }
    /// Successors named for it in a finished interview who stay beyond 180
    /// days and do not hold it yet (they count toward the bus factor).
    async fn successors(&self, ctx: &Context<'_>) -> ApiResult<Vec<Person>> {
        people(ctx, &self.0.successors).await
    }
    /// Leavers (leaving or left) with a completed interview covering it.
    async fn harvest_coverage(&self) -> i64 {
        self.1
    }
}

/// `ids` as people, in order, through the request's loader.
async fn people(ctx: &Context<'_>, ids: &[String]) -> ApiResult<Vec<Person>> {
    load_many(&loaders(ctx)?.person, ids.to_vec(), Person).await
}

/// A leaver to interview, with the knowledge only they or few others hold.
pub struct Leaver(harvest::Leaver, Option<crate::domain::Interview>);

#[Object]
impl Leaver {
    async fn person(&self) -> Person {
        Person(self.0.person.clone())
    }
    async fn leaving_on(&self) -> Option<NaiveDate> {
        self.0.person.leaving_on
    }
    /// Days until they leave (negative when the date has passed).
    async fn days_left(&self) -> Option<i64> {
        self.0.days_left
    }
    /// Their at-risk skills, riskiest first.
    async fn skills(&self) -> Vec<LeaverSkill> {
        self.0.skills.iter().cloned().map(LeaverSkill).collect()
    }
    /// The sum of their at-risk skills' scores, doubled within 30 days of leaving.
    async fn priority(&self) -> f64 {
        self.0.priority
    }
    /// Why they are where they are in the queue, in words.
    async fn why(&self) -> String {
        self.0.why()
    }
    /// Their latest harvest interview, if one was scheduled.
    async fn interview(&self) -> Option<super::interviews::Interview> {
        self.1.clone().map(|i| super::interviews::Interview {
            i,
            access: super::interviews::Access::Hr,
        })
    }
}

pub struct LeaverSkill(harvest::LeaverSkill);

#[Object]
impl LeaverSkill {
    async fn skill(&self, ctx: &Context<'_>) -> ApiResult<Option<Skill>> {
        skill_by_id(ctx, &self.0.skill_id).await
    }
    async fn level(&self) -> i32 {
        i32::from(self.0.level)
    }
    /// Other active or leaving people who hold it at level 3 or above.
    async fn other_holders(&self) -> i64 {
        self.0.other_holders
    }
    async fn risk_score(&self) -> f64 {
        self.0.risk_score
    }
}

fn scope(filter: Option<RiskFilter>) -> ApiResult<RiskScope> {
    let f = filter.unwrap_or_default();
    Ok(RiskScope {
        office_id: f
            .office_id
            .map(|id| external(Kind::Office, &id))
            .transpose()?,
        org_unit: f
            .org_unit
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty()),
    })
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
        #[graphql(default)] sort: RiskSort,
        #[graphql(default = 50)] first: i32,
        #[graphql(desc = "The day to count from; today when absent.")] as_of: Option<NaiveDate>,
    ) -> ApiResult<Vec<SkillRisk>> {
        let first = page_size(first)?;
        let scope = scope(filter)?;
        let today = as_of.unwrap_or_else(|| super::now(ctx).date_naive());
        let store = State::of(ctx)?.store.as_ref();
        let list = harvest::knowledge_at_risk(store, today, &scope, sort.into(), first).await?;
        Ok(list
            .into_iter()
            .map(|r| SkillRisk(r.risk, r.covered))
            .collect())
    }

    /// The interview priority queue: people who are leaving, ordered by how
    /// much at-risk knowledge only they or few others hold and how soon they
    /// go. HR and admins.
    async fn interview_queue(
        &self,
        ctx: &Context<'_>,
        filter: Option<RiskFilter>,
        #[graphql(default)] sort: QueueSort,
        #[graphql(default = 50)] first: i32,
        #[graphql(desc = "The day to count from; today when absent.")] as_of: Option<NaiveDate>,
    ) -> ApiResult<Vec<Leaver>> {
        let first = page_size(first)?;
        let scope = scope(filter)?;
        let today = as_of.unwrap_or_else(|| super::now(ctx).date_naive());
        let store = State::of(ctx)?.store.as_ref();
        let queue = harvest::interview_queue(store, today, &scope, sort.into(), first).await?;
        Ok(queue
            .into_iter()
            .map(|(l, interview)| Leaver(l, interview))
            .collect())
    }
}
