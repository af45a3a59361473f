//! Knowledge at risk: for each skill, who holds it and how many of them are
//! leaving soon. One aggregate over person skills, for HR's dashboard.

use async_trait::async_trait;
use chrono::{Days, NaiveDate};

use super::sql::{Sql, word};
use super::{Backend, Exec, Result, SqlStore};
use crate::domain::{HOLDER_LEVEL, PersonStatus};

/// How many people hold a skill, and how many of them leave within 30, 90
/// and 180 days of the reference date.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SkillHolding {
    pub skill_id: String,
    pub holders: i64,
    pub leaving_30: i64,
    pub leaving_90: i64,
    pub leaving_180: i64,
}

/// Whose holders count: everyone, or one office or org unit.
#[derive(Debug, Clone, Default)]
pub struct RiskScope {
    pub office_id: Option<String>,
    pub org_unit: Option<String>,
}

#[async_trait]
pub trait RiskStore {
    /// Skills with at least one holder (level ≥ [`HOLDER_LEVEL`], active or
    /// leaving) in `scope`, as of `today`.
    async fn skill_holdings(
        &self,
        today: NaiveDate,
        scope: &RiskScope,
    ) -> Result<Vec<SkillHolding>>;
}

#[async_trait]
impl<B: Backend> RiskStore for SqlStore<B> {
    #[tracing::instrument(skip_all)]
    async fn skill_holdings(
        &self,
        today: NaiveDate,
        scope: &RiskScope,
    ) -> Result<Vec<SkillHolding>> {
        let within = |days: u64| today.checked_add_days(Days::new(days)).unwrap_or(today);
        let leaving_word = word(PersonStatus::Leaving.as_str());
        let leaving = |n: usize| {
            format!(
                "SUM(CASE WHEN p.status = {leaving_word} AND p.leaving_on IS NOT NULL AND p.leaving_on <= ${n} THEN 1 ELSE 0 END)"
            )
        };
        let mut sql = Sql::with(
            &format!(
                "SELECT ps.skill_id AS skill_id, COUNT(*) AS holders, {} AS leaving_30, {} AS leaving_90, \
                 {} AS leaving_180 FROM person_skills ps JOIN people p ON p.id = ps.person_id \
                 WHERE p.status <> {} AND ps.level >= $4",
                leaving(1),
                leaving(2),
                leaving(3),
                word(PersonStatus::Left.as_str())
            ),
            [
                Some(within(30)).into(),
                Some(within(90)).into(),
                Some(within(180)).into(),
                HOLDER_LEVEL.into(),
            ],
        );
        if let Some(office) = &scope.office_id {
            sql.push(" AND p.office_id = ").bind(office);
        }
        if let Some(unit) = &scope.org_unit {
            sql.push(" AND p.org_unit = ").bind(unit);
        }
        sql.push(" GROUP BY ps.skill_id");
        self.conn().await?.rows::<SkillHolding>(sql).await
    }
}
