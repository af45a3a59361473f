//! Knowledge at risk: for each skill, who holds it and how many of them are
//! leaving soon. One aggregate over person skills, for HR's dashboard.

use async_trait::async_trait;
use chrono::{Days, NaiveDate};

use super::rows::PairRow;
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

/// A holder leaving within 180 days whose knowledge of a skill a finished
/// (completed or published) interview took down: the skill was a topic.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HarvestedHolding {
    pub skill_id: String,
    pub person_id: String,
    pub leaving_on: Option<NaiveDate>,
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
    /// Holders in `scope` leaving within 180 days of `today` whose finished
    /// interview had the skill as a topic and recorded something for it: the
    /// interview was published, a successor was named for it, or a question
    /// about it was answered (a topic completed with nothing said is no harvest).
    async fn harvested_holdings(
        &self,
        today: NaiveDate,
        scope: &RiskScope,
    ) -> Result<Vec<HarvestedHolding>>;
    /// (skill, person): the topics `people`'s own finished interviews
    /// harvested, whatever their leaving dates.
    async fn harvested_topics(&self, people: &[String]) -> Result<Vec<(String, String)>>;
    /// (skill, person): successors named in finished interviews who stay
    /// beyond 180 days of `today`, are in `scope`, and do not hold the skill
    /// (level ≥ [`HOLDER_LEVEL`]) already.
    async fn staying_successors(
        &self,
        today: NaiveDate,
        scope: &RiskScope,
    ) -> Result<Vec<(String, String)>>;
}

/// Interview `i`'s topic `t` was harvested: the interview is finished and
/// recorded something for it (published, a successor named for it, or a
/// question about it answered).
pub(super) const RECORDED: &str = "i.completed_at IS NOT NULL AND (i.published_at IS NOT NULL \
     OR EXISTS (SELECT 1 FROM interview_successors s \
       WHERE s.interview_id = i.id AND s.skill_id = t.skill_id) \
     OR EXISTS (SELECT 1 FROM interview_questions q WHERE q.interview_id = i.id \
       AND q.skill_id = t.skill_id AND q.answer IS NOT NULL AND q.answer <> ''))";

/// Appends `scope`'s conditions on the person aliased `p`.
fn in_scope(sql: &mut Sql, p: &str, scope: &RiskScope) {
    if let Some(office) = &scope.office_id {
        sql.push(&format!(" AND {p}.office_id = ")).bind(office);
    }
    if let Some(unit) = &scope.org_unit {
        sql.push(&format!(" AND {p}.org_unit = ")).bind(unit);
    }
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
        in_scope(&mut sql, "p", scope);
        sql.push(" GROUP BY ps.skill_id");
        self.conn().await?.rows::<SkillHolding>(sql).await
    }

    #[tracing::instrument(skip_all)]
    async fn harvested_holdings(
        &self,
        today: NaiveDate,
        scope: &RiskScope,
    ) -> Result<Vec<HarvestedHolding>> {
        let horizon = today.checked_add_days(Days::new(180)).unwrap_or(today);
        let mut sql = Sql::with(
            &format!(
                "SELECT DISTINCT ps.skill_id AS skill_id, p.id AS person_id, p.leaving_on AS leaving_on \
                 FROM person_skills ps JOIN people p ON p.id = ps.person_id \
                 JOIN interviews i ON i.person_id = p.id \
                 JOIN interview_topics t ON t.interview_id = i.id AND t.skill_id = ps.skill_id \
                 WHERE p.status = {} AND p.leaving_on IS NOT NULL AND p.leaving_on <= $1 \
                 AND ps.level >= $2 AND {RECORDED}",
                word(PersonStatus::Leaving.as_str())
            ),
            [Some(horizon).into(), HOLDER_LEVEL.into()],
        );
        in_scope(&mut sql, "p", scope);
        self.conn().await?.rows::<HarvestedHolding>(sql).await
    }

    #[tracing::instrument(skip_all)]
    async fn harvested_topics(&self, people: &[String]) -> Result<Vec<(String, String)>> {
        if people.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT DISTINCT t.skill_id AS a, i.person_id AS b FROM interview_topics t \
             JOIN interviews i ON i.id = t.interview_id WHERE {RECORDED} AND i.person_id IN "
        ));
        sql.in_list(people);
        let rows: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn staying_successors(
        &self,
        today: NaiveDate,
        scope: &RiskScope,
    ) -> Result<Vec<(String, String)>> {
        let horizon = today.checked_add_days(Days::new(180)).unwrap_or(today);
        let mut sql = Sql::with(
            &format!(
                "SELECT DISTINCT s.skill_id AS a, s.person_id AS b FROM interview_successors s \
                 JOIN interviews i ON i.id = s.interview_id JOIN people q ON q.id = s.person_id \
                 WHERE i.completed_at IS NOT NULL \
                 AND (q.status = {} OR (q.status = {} AND (q.leaving_on IS NULL OR q.leaving_on > $1))) \
                 AND NOT EXISTS (SELECT 1 FROM person_skills ps WHERE ps.person_id = s.person_id \
                 AND ps.skill_id = s.skill_id AND ps.level >= $2)",
                word(PersonStatus::Active.as_str()),
                word(PersonStatus::Leaving.as_str())
            ),
            [Some(horizon).into(), HOLDER_LEVEL.into()],
        );
        in_scope(&mut sql, "q", scope);
        let rows: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }
}
