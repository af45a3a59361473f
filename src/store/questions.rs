//! Questions asked of the network (`questions`, `question_routes`,
//! `question_answers`). Each change to a question is one transaction with
//! the messages it sends (written to the outbox, `outbox.rs`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tracing::instrument;

use crate::domain::{
    AskedQuestion, Judgment, Notification, QuestionAnswer, QuestionStatus, QuestionVisibility,
    Route, RouteState,
};

use super::evidence::{NewEvidence, insert_evidence};
use super::rows::IdRow;
use super::rows::KeyCountRow;
use super::sql::{Arg, Sql};
use super::{Backend, Exec, Result, SqlStore, StoreError};

const QUESTION_COLUMNS: &str = "id, asker_id, text, skill_ids, visibility, status, \
     accepted_answer_id, evidence_id, created_at, closed_at";
const ROUTE_COLUMNS: &str = "question_id, person_id, state, position, reason, passed_by, note, \
     routed_at, responded_at";
const ANSWER_COLUMNS: &str = "id, question_id, author_id, text, created_at";

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("stored {what} is invalid: {e}"))
}

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: String,
    asker_id: String,
    text: String,
    skill_ids: String,
    visibility: String,
    status: String,
    accepted_answer_id: Option<String>,
    evidence_id: Option<String>,
    created_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
}

impl TryFrom<QuestionRow> for AskedQuestion {
    type Error = StoreError;
    fn try_from(r: QuestionRow) -> Result<Self> {
        Ok(AskedQuestion {
            visibility: QuestionVisibility::parse(&r.visibility)
                .map_err(|e| corrupt("visibility", e))?,
            status: QuestionStatus::parse(&r.status).map_err(|e| corrupt("status", e))?,
            skill_ids: serde_json::from_str(&r.skill_ids).unwrap_or_default(),
            id: r.id,
            asker_id: r.asker_id,
            text: r.text,
            accepted_answer_id: r.accepted_answer_id,
            evidence_id: r.evidence_id,
            created_at: r.created_at,
            closed_at: r.closed_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct RouteRow {
    question_id: String,
    person_id: String,
    state: String,
    position: i64,
    reason: String,
    passed_by: Option<String>,
    note: Option<String>,
    routed_at: DateTime<Utc>,
    responded_at: Option<DateTime<Utc>>,
}

impl TryFrom<RouteRow> for Route {
    type Error = StoreError;
    fn try_from(r: RouteRow) -> Result<Self> {
        Ok(Route {
            state: RouteState::parse(&r.state).map_err(|e| corrupt("route state", e))?,
            question_id: r.question_id,
            person_id: r.person_id,
            position: r.position,
            reason: r.reason,
            passed_by: r.passed_by,
            note: r.note,
            routed_at: r.routed_at,
            responded_at: r.responded_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    id: String,
    question_id: String,
    author_id: String,
    text: String,
    created_at: DateTime<Utc>,
}

impl From<AnswerRow> for QuestionAnswer {
    fn from(r: AnswerRow) -> Self {
        QuestionAnswer {
            id: r.id,
            question_id: r.question_id,
            author_id: r.author_id,
            text: r.text,
            created_at: r.created_at,
        }
    }
}

/// A response to a question by one person it was routed to, written at once:
/// their route's new state (only from one of `from`), routes to add, an
/// answer, and the messages to send.
#[derive(Debug, Clone)]
pub struct Response {
    pub question_id: String,
    pub person_id: String,
    pub from: &'static [RouteState],
    pub state: RouteState,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
    pub new_routes: Vec<Route>,
    pub answer: Option<QuestionAnswer>,
    pub outbox: Vec<Notification>,
}

/// The end of a question: accepted (with the evidence a public one
/// becomes) or closed with none helping.
#[derive(Debug, Clone)]
pub struct Settlement {
    pub question_id: String,
    pub status: QuestionStatus,
    pub accepted_answer_id: Option<String>,
    pub evidence: Option<NewEvidence>,
    pub at: DateTime<Utc>,
    pub outbox: Vec<Notification>,
}

#[async_trait]
pub trait QuestionStore {
    /// A new question with where it was routed and the messages it sends.
    async fn create_question(
        &self,
        q: &AskedQuestion,
        routes: &[Route],
        outbox: &[Notification],
    ) -> Result<()>;
    async fn questions_by_ids(&self, ids: &[String]) -> Result<Vec<AskedQuestion>>;
    /// Routes of these questions, in routing order.
    async fn routes_of(&self, question_ids: &[String]) -> Result<Vec<Route>>;
    /// Answers to these questions, oldest first.
    async fn answers_of(&self, question_ids: &[String]) -> Result<Vec<QuestionAnswer>>;
    async fn answer_by_id(&self, id: &str) -> Result<Option<QuestionAnswer>>;
    /// Questions routed to `person_id` (not those they were skipped for), newest first.
    async fn questions_for(&self, person_id: &str, limit: i64) -> Result<Vec<String>>;
    /// Open questions still waiting on `person_id` (routed to them, no
    /// response yet).
    async fn questions_waiting_on(&self, person_id: &str) -> Result<Vec<String>>;
    /// Questions `person_id` asked, newest first.
    async fn questions_asked_by(&self, person_id: &str, limit: i64) -> Result<Vec<String>>;
    /// Questions asked since `since`, oldest first.
    async fn questions_since(&self, since: DateTime<Utc>) -> Result<Vec<AskedQuestion>>;
    /// For each of `person_ids`, how many questions were routed to them
    /// since `since` and not declined or passed on (whether still open or
    /// not: closing and asking again must not get round the fair share).
    async fn recent_loads(
        &self,
        person_ids: &[String],
        since: DateTime<Utc>,
    ) -> Result<Vec<(String, i64)>>;
    /// How many of `person_id`'s questions are still open, and how many
    /// they asked since `since`.
    async fn asked_by_count(&self, person_id: &str, since: DateTime<Utc>) -> Result<(i64, i64)>;
    /// For each of `person_ids`, the skills of the questions they said "not
    /// me" to since `since` (person id, skill id; repeats kept).
    async fn declined_skills(
        &self,
        person_ids: &[String],
        since: DateTime<Utc>,
    ) -> Result<Vec<(String, String)>>;
    /// Writes a response; a conflict when their route is no longer in one of
    /// `from` or the question is no longer open.
    async fn respond(&self, r: &Response) -> Result<()>;
    /// Accepts an answer or closes the question; a conflict unless it is open.
    async fn settle_question(&self, s: &Settlement) -> Result<()>;
    /// Every judgment the organisation's history holds, oldest first.
    async fn judgments(&self) -> Result<Vec<Judgment>>;
}

fn route_args(r: &Route) -> Vec<Arg> {
    vec![
        r.question_id.clone().into(),
        r.person_id.clone().into(),
        r.state.as_str().into(),
        r.position.into(),
        r.reason.clone().into(),
        r.passed_by.clone().into(),
        r.note.clone().into(),
        r.routed_at.into(),
        r.responded_at.into(),
    ]
}

async fn insert_routes(c: &mut impl Exec, routes: &[Route]) -> Result<()> {
    if routes.is_empty() {
        return Ok(());
    }
    let mut sql = Sql::new(&format!("INSERT INTO question_routes ({ROUTE_COLUMNS})"));
    sql.values(routes, route_args);
    c.execute(sql).await.map_err(|e| match e {
        StoreError::Conflict(_) => {
            StoreError::Conflict("the question already went to that person".into())
        }
        other => other,
    })?;
    Ok(())
}

fn words(states: &[RouteState]) -> Vec<String> {
    states.iter().map(|s| s.as_str().to_string()).collect()
}

#[async_trait]
impl<B: Backend> QuestionStore for SqlStore<B> {
    #[instrument(skip_all, fields(id = %q.id))]
    async fn create_question(
        &self,
        q: &AskedQuestion,
        routes: &[Route],
        outbox: &[Notification],
    ) -> Result<()> {
        let mut tx = self.tx().await?;
        let sql = Sql::with(
            &format!(
                "INSERT INTO questions ({QUESTION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            ),
            [
                q.id.clone().into(),
                q.asker_id.clone().into(),
                q.text.clone().into(),
                serde_json::to_string(&q.skill_ids)
                    .unwrap_or_else(|_| "[]".into())
                    .into(),
                q.visibility.as_str().into(),
                q.status.as_str().into(),
                q.accepted_answer_id.clone().into(),
                q.evidence_id.clone().into(),
                q.created_at.into(),
                q.closed_at.into(),
            ],
        );
        tx.execute(sql).await?;
        insert_routes(&mut tx, routes).await?;
        super::outbox::enqueue(&mut tx, outbox, q.created_at).await?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(skip_all, fields(n = ids.len()))]
    async fn questions_by_ids(&self, ids: &[String]) -> Result<Vec<AskedQuestion>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {QUESTION_COLUMNS} FROM questions WHERE id IN "
        ));
        sql.in_list(ids);
        let rows: Vec<QuestionRow> = self.conn().await?.rows(sql).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    #[instrument(skip_all, fields(n = question_ids.len()))]
    async fn routes_of(&self, question_ids: &[String]) -> Result<Vec<Route>> {
        if question_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {ROUTE_COLUMNS} FROM question_routes WHERE question_id IN "
        ));
        sql.in_list(question_ids)
            .push(" ORDER BY question_id, position, person_id");
        let rows: Vec<RouteRow> = self.conn().await?.rows(sql).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    #[instrument(skip_all, fields(n = question_ids.len()))]
    async fn answers_of(&self, question_ids: &[String]) -> Result<Vec<QuestionAnswer>> {
        if question_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {ANSWER_COLUMNS} FROM question_answers WHERE question_id IN "
        ));
        sql.in_list(question_ids).push(" ORDER BY created_at, id");
        let rows: Vec<AnswerRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    #[instrument(skip_all)]
    async fn answer_by_id(&self, id: &str) -> Result<Option<QuestionAnswer>> {
        let sql = Sql::with(
            &format!("SELECT {ANSWER_COLUMNS} FROM question_answers WHERE id = $1"),
            [id.into()],
        );
        let rows: Vec<AnswerRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().next().map(Into::into))
    }

    #[instrument(skip_all)]
    async fn questions_for(&self, person_id: &str, limit: i64) -> Result<Vec<String>> {
        let sql = Sql::with(
            "SELECT question_id AS id FROM question_routes WHERE person_id = $1 AND state <> $2 \
             ORDER BY routed_at DESC, question_id LIMIT $3",
            [
                person_id.into(),
                RouteState::Skipped.as_str().into(),
                limit.into(),
            ],
        );
        let rows: Vec<IdRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| r.id).collect())
    }

    #[instrument(skip_all)]
    async fn questions_waiting_on(&self, person_id: &str) -> Result<Vec<String>> {
        let sql = Sql::with(
            "SELECT r.question_id AS id FROM question_routes r JOIN questions q ON q.id = r.question_id \
             WHERE r.person_id = $1 AND r.state = $2 AND q.status = $3 ORDER BY r.routed_at, r.question_id",
            [
                person_id.into(),
                RouteState::Routed.as_str().into(),
                QuestionStatus::Open.as_str().into(),
            ],
        );
        let rows: Vec<IdRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| r.id).collect())
    }

    #[instrument(skip_all)]
    async fn questions_asked_by(&self, person_id: &str, limit: i64) -> Result<Vec<String>> {
        let sql = Sql::with(
            "SELECT id FROM questions WHERE asker_id = $1 ORDER BY created_at DESC, id LIMIT $2",
            [person_id.into(), limit.into()],
        );
        let rows: Vec<IdRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| r.id).collect())
    }

    #[instrument(skip_all)]
    async fn questions_since(&self, since: DateTime<Utc>) -> Result<Vec<AskedQuestion>> {
        let sql = Sql::with(
            &format!(
                "SELECT {QUESTION_COLUMNS} FROM questions WHERE created_at >= $1 ORDER BY created_at, id"
            ),
            [since.into()],
        );
        let rows: Vec<QuestionRow> = self.conn().await?.rows(sql).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    #[instrument(skip_all, fields(n = person_ids.len()))]
    async fn recent_loads(
        &self,
        person_ids: &[String],
        since: DateTime<Utc>,
    ) -> Result<Vec<(String, i64)>> {
        if person_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(
            "SELECT r.person_id AS a, COUNT(*) AS n FROM question_routes r WHERE r.routed_at >= ",
        );
        sql.bind(since)
            .push(" AND r.state IN (")
            .bind(RouteState::Routed.as_str())
            .push(", ")
            .bind(RouteState::Answered.as_str())
            .push(") AND r.person_id IN ");
        sql.in_list(person_ids).push(" GROUP BY r.person_id");
        let rows: Vec<KeyCountRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.n)).collect())
    }

    #[instrument(skip_all)]
    async fn asked_by_count(&self, person_id: &str, since: DateTime<Utc>) -> Result<(i64, i64)> {
        let mut c = self.conn().await?;
        let open = Sql::with(
            "SELECT COUNT(*) AS n FROM questions WHERE asker_id = $1 AND status = $2",
            [person_id.into(), QuestionStatus::Open.as_str().into()],
        );
        let recent = Sql::with(
            "SELECT COUNT(*) AS n FROM questions WHERE asker_id = $1 AND created_at >= $2",
            [person_id.into(), since.into()],
        );
        let n = |rows: Vec<super::rows::CountRow>| rows.first().map_or(0, |r| r.n);
        Ok((n(c.rows(open).await?), n(c.rows(recent).await?)))
    }

    #[instrument(skip_all, fields(n = person_ids.len()))]
    async fn declined_skills(
        &self,
        person_ids: &[String],
        since: DateTime<Utc>,
    ) -> Result<Vec<(String, String)>> {
        if person_ids.is_empty() {
            return Ok(vec![]);
        }
        #[derive(sqlx::FromRow)]
        struct Row {
            person_id: String,
            skill_ids: String,
        }
        let mut sql = Sql::new(
            "SELECT r.person_id AS person_id, q.skill_ids AS skill_ids FROM question_routes r \
             JOIN questions q ON q.id = r.question_id WHERE r.state = ",
        );
        sql.bind(RouteState::Declined.as_str())
            .push(" AND r.responded_at >= ")
            .bind(since)
            .push(" AND r.person_id IN ");
        sql.in_list(person_ids);
        let rows: Vec<Row> = self.conn().await?.rows(sql).await?;
        Ok(rows
            .into_iter()
            .flat_map(|r| {
                let skills: Vec<String> = serde_json::from_str(&r.skill_ids).unwrap_or_default();
                skills.into_iter().map(move |s| (r.person_id.clone(), s))
            })
            .collect())
    }

    #[instrument(skip_all, fields(question = %r.question_id))]
    async fn respond(&self, r: &Response) -> Result<()> {
        let mut tx = self.tx().await?;
        // Holds the question (a row lock on PostgreSQL) until this commits,
        // so an acceptance or another response cannot slip in between.
        let hold = Sql::with(
            "UPDATE questions SET status = status WHERE id = $1 AND status = $2",
            [
                r.question_id.clone().into(),
                QuestionStatus::Open.as_str().into(),
            ],
        );
        if tx.execute(hold).await? == 0 {
            return Err(StoreError::Conflict(
                "this question is no longer open".into(),
            ));
        }
        let mut sql = Sql::new("UPDATE question_routes SET state = ");
        sql.bind(r.state.as_str())
            .push(", responded_at = ")
            .bind(r.at)
            .push(", note = COALESCE(")
            .bind(r.note.clone())
            .push(", note) WHERE question_id = ")
            .bind(r.question_id.as_str())
            .push(" AND person_id = ")
            .bind(r.person_id.as_str())
            .push(" AND state IN ");
        sql.in_list(&words(r.from));
        sql.push(" AND EXISTS (SELECT 1 FROM questions q WHERE q.id = question_routes.question_id AND q.status = ")
            .bind(QuestionStatus::Open.as_str())
            .push(")");
        if tx.execute(sql).await? == 0 {
            return Err(StoreError::Conflict(
                "this question is no longer waiting for you: it was answered, closed or you already responded".into(),
            ));
        }
        insert_routes(&mut tx, &r.new_routes).await?;
        if let Some(a) = &r.answer {
            let sql = Sql::with(
                &format!(
                    "INSERT INTO question_answers ({ANSWER_COLUMNS}) VALUES ($1, $2, $3, $4, $5)"
                ),
                [
                    a.id.clone().into(),
                    a.question_id.clone().into(),
                    a.author_id.clone().into(),
                    a.text.clone().into(),
                    a.created_at.into(),
                ],
            );
            tx.execute(sql).await?;
        }
        super::outbox::enqueue(&mut tx, &r.outbox, r.at).await?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(skip_all, fields(question = %s.question_id))]
    async fn settle_question(&self, s: &Settlement) -> Result<()> {
        let mut tx = self.tx().await?;
        if let Some(e) = &s.evidence {
            insert_evidence(&mut tx, e, s.at).await?;
        }
        let sql = Sql::with(
            "UPDATE questions SET status = $2, accepted_answer_id = $3, evidence_id = $4, closed_at = $5 \
             WHERE id = $1 AND status = $6",
            [
                s.question_id.clone().into(),
                s.status.as_str().into(),
                s.accepted_answer_id.clone().into(),
                s.evidence.as_ref().map(|e| e.evidence.id.clone()).into(),
                s.at.into(),
                QuestionStatus::Open.as_str().into(),
            ],
        );
        if tx.execute(sql).await? == 0 {
            return Err(StoreError::Conflict(
                "this question is no longer open".into(),
            ));
        }
        super::outbox::enqueue(&mut tx, &s.outbox, s.at).await?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(skip_all)]
    async fn judgments(&self) -> Result<Vec<Judgment>> {
        #[derive(sqlx::FromRow)]
        struct JudgmentRow {
            question_id: String,
            question: String,
            asker_id: String,
            person_id: String,
            grade: i64,
            at: DateTime<Utc>,
        }
        // Answerers (2 for the accepted answer's author), and "not me".
        let sql = Sql::with(
            "SELECT q.id AS question_id, q.text AS question, q.asker_id AS asker_id, a.author_id AS person_id, \
             CAST(MAX(CASE WHEN q.accepted_answer_id = a.id THEN 2 WHEN q.status = $2 THEN 0 ELSE 1 END) AS BIGINT) AS grade, MIN(a.created_at) AS at \
             FROM questions q JOIN question_answers a ON a.question_id = q.id \
             GROUP BY q.id, q.text, q.asker_id, a.author_id \
             UNION ALL \
             SELECT q.id, q.text, q.asker_id, r.person_id, 0, r.responded_at FROM questions q \
             JOIN question_routes r ON r.question_id = q.id WHERE r.state = $1 AND r.responded_at IS NOT NULL \
             ORDER BY 6, 1, 4",
            [
                RouteState::Declined.as_str().into(),
                QuestionStatus::Closed.as_str().into(),
            ],
        );
        let rows: Vec<JudgmentRow> = self.conn().await?.rows(sql).await?;
        Ok(rows
            .into_iter()
            .map(|r| Judgment {
                question_id: r.question_id,
                question: r.question,
                asker_id: r.asker_id,
                person_id: r.person_id,
                grade: r.grade.clamp(0, 2) as u8,
                at: r.at,
            })
            .collect())
    }
}
