//! Knowledge-harvest interviews: the record, its questions and answers, the
//! topics it covers and the successors named for them, HR's question sets, and
//! disposal at the end of retention (`dispose.rs`).
//!
//! Capture writes check the interview's status in the same statement that
//! locks it, so a write racing a completion or a disposal is refused, not lost.

mod dispose;
mod import;
mod requests;
mod rows;

use std::collections::HashMap;

use crate::store::error::missing;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tracing::instrument;

use crate::domain::{
    AuditEvent, DisposalCertificate, DisposalRequest, DisposalRequestStatus, Due, Interview,
    InterviewPart, InterviewStatus, Question, QuestionOrigin, QuestionSet, SkillKey, Successor,
};

use super::graph::{self, Entity};
use super::paging::ListQuery;
use super::rows::{KeyCountRow, PairRow, convert, map};
use super::security::append_audit;
use super::sql::Sql;
use super::{Backend, Exec, Page, PageRequest, Result, SqlStore, StoreError};
pub(crate) use import::import;
pub use requests::{Decided, Effect};
use rows::{
    CERTIFICATE_COLUMNS, CertificateRow, INTERVIEW_COLUMNS, InterviewRow, QuestionRow,
    QuestionSetRow, SuccessorRow,
};

/// Which interviews a list shows.
#[derive(Debug, Clone, Default)]
pub struct InterviewFilter {
    /// Any of these; empty means all.
    pub statuses: Vec<InterviewStatus>,
    pub person_id: Option<String>,
    /// Only interviews whose summary is published and still kept.
    pub published_only: bool,
}

/// A question to add to an interview.
#[derive(Debug, Clone, PartialEq)]
pub struct NewQuestion {
    pub text: String,
    pub origin: QuestionOrigin,
    pub skill_id: Option<String>,
}

#[async_trait]
pub trait InterviewStore {
    async fn interviews_by_ids(&self, ids: &[String]) -> Result<Vec<Interview>>;
    /// One interview by id, if there is one.
    async fn interview(&self, id: &str) -> Result<Option<Interview>> {
        Ok(self
            .interviews_by_ids(&[id.to_string()])
            .await?
            .into_iter()
            .next())
    }
    /// Soonest scheduled first.
    async fn list_interviews(
        &self,
        filter: &InterviewFilter,
        page: &PageRequest,
    ) -> Result<Page<Interview>>;
    /// Every interview with these leavers, newest scheduled first.
    async fn interviews_of_people(&self, person_ids: &[String]) -> Result<Vec<Interview>>;
    /// Every interview ever completed (retention runs from completion).
    async fn finished_interviews(&self) -> Result<Vec<Interview>>;
    /// Creates the interview with its first questions and topics; audited.
    async fn create_interview(
        &self,
        interview: &Interview,
        questions: &[NewQuestion],
        topics: &[String],
        audit: &AuditEvent,
    ) -> Result<Interview>;
    /// Writes every field of `interview`, provided it is still `expected`
    /// (else `CONFLICT`); audited when `audit` is given.
    async fn save_interview(
        &self,
        interview: &Interview,
        expected: InterviewStatus,
        audit: Option<&AuditEvent>,
    ) -> Result<Interview>;
    async fn questions_of(&self, interview_ids: &[String]) -> Result<Vec<Question>>;
    /// Appends questions to an interview that is still `scheduled` or `in_progress`.
    async fn add_questions(
        &self,
        interview_id: &str,
        questions: &[NewQuestion],
        now: DateTime<Utc>,
    ) -> Result<Vec<Question>>;
    /// Sets answers by question position, while the interview is `in_progress`.
    async fn answer_questions(
        &self,
        interview_id: &str,
        answers: &[(u32, Option<String>)],
        now: DateTime<Utc>,
    ) -> Result<Vec<Question>>;
    /// `(interview id, skill id)` pairs.
    async fn topics_of(&self, interview_ids: &[String]) -> Result<Vec<(String, String)>>;
    /// (skill, interview) for finished (completed or published) interviews
    /// that had one of `skill_ids` as a topic, most recently finished first.
    async fn harvests_of_skills(&self, skill_ids: &[String]) -> Result<Vec<(String, Interview)>>;
    /// Replaces the topics (successors of dropped topics go with them), while `in_progress`.
    async fn set_topics(
        &self,
        interview_id: &str,
        skill_ids: &[String],
        now: DateTime<Utc>,
    ) -> Result<()>;
    async fn successors_of(&self, interview_ids: &[String]) -> Result<Vec<Successor>>;
    /// Where this person was named successor.
    async fn successors_named(&self, person_id: &str) -> Result<Vec<Successor>>;
    /// Names (or re-notes) a successor, adding the topic when missing; while `in_progress`.
    async fn set_successor(&self, successor: &Successor, now: DateTime<Utc>) -> Result<Successor>;
    async fn remove_successor(
        &self,
        interview_id: &str,
        skill_id: &str,
        person_id: &str,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// By name.
    async fn question_sets(&self) -> Result<Vec<QuestionSet>>;
    async fn question_sets_by_ids(&self, ids: &[String]) -> Result<Vec<QuestionSet>>;
    /// Creates the set, or replaces it when `replace`.
    async fn save_question_set(&self, set: &QuestionSet, replace: bool) -> Result<QuestionSet>;
    async fn delete_question_set(&self, id: &str) -> Result<()>;
    /// Destroys the parts of the record in `due`, unless it is on hold, and
    /// leaves a certificate for each, with the audit entry, in one transaction.
    async fn dispose(
        &self,
        interview_id: &str,
        due: &[Due],
        now: DateTime<Utc>,
        audit: &AuditEvent,
    ) -> Result<Vec<DisposalCertificate>>;
    async fn certificates_of(&self, interview_ids: &[String]) -> Result<Vec<DisposalCertificate>>;
    /// Newest first.
    async fn certificates(&self, limit: usize) -> Result<Vec<DisposalCertificate>>;
    /// For each skill, how many leaving or left people have a finished
    /// interview that recorded something for it (as the risk rule counts a
    /// harvest).
    async fn harvest_coverage(&self) -> Result<Vec<(String, i64)>>;
    /// Files a disposal request; a record has at most one pending
    /// (`CONFLICT` otherwise). Audited in the same transaction.
    async fn create_disposal_request(
        &self,
        request: &DisposalRequest,
        audit: &AuditEvent,
    ) -> Result<DisposalRequest>;
    /// Requests with this status (any when `None`), about these records
    /// (any when `None`), newest first.
    async fn disposal_requests(
        &self,
        status: Option<DisposalRequestStatus>,
        interview_ids: Option<&[String]>,
        limit: usize,
    ) -> Result<Vec<DisposalRequest>>;
    async fn disposal_request(&self, id: &str) -> Result<DisposalRequest>;
    /// Decides a request that is still pending (`CONFLICT` otherwise) and
    /// applies `effect` to its record, with the audit entry, in one
    /// transaction; the certificates of what was disposed of.
    async fn decide_disposal_request(
        &self,
        id: &str,
        decided: &Decided,
        effect: &Effect,
        audit: &AuditEvent,
    ) -> Result<(DisposalRequest, Vec<DisposalCertificate>)>;
    /// Records on hold, most recently held first, at most `limit`.
    async fn held_interviews(&self, limit: usize) -> Result<Vec<Interview>>;
    /// Writes `interview`'s retention period and hold (nothing else),
    /// provided they are still `was` (period, hold) (`CONFLICT` otherwise);
    /// audited in the same transaction.
    async fn save_retention(
        &self,
        interview: &Interview,
        was: (Option<u32>, bool),
        audit: &AuditEvent,
    ) -> Result<Interview>;
}

async fn interview_by_id(c: &mut impl Exec, id: &str) -> Result<Interview> {
    let sql = Sql::with(
        &format!("SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE id = $1"),
        [id.into()],
    );
    let row = c.rows::<InterviewRow>(sql).await?.into_iter().next();
    row.ok_or_else(|| StoreError::not_found(format!("interview '{id}'")))?
        .try_into()
}

/// Adds `skill_ids` as topics of interview `id` (those already there stay).
async fn insert_topics(c: &mut impl Exec, id: &str, skill_ids: &[String]) -> Result<()> {
    if skill_ids.is_empty() {
        return Ok(());
    }
    let mut sql = Sql::new("INSERT INTO interview_topics (interview_id, skill_id)");
    sql.values(skill_ids, |s| vec![id.into(), s.into()])
        .push(" ON CONFLICT DO NOTHING");
    c.execute(sql)
        .await
        .map_err(crate::store::error::missing("one of the skills"))?;
    Ok(())
}

/// Locks the interview for a write to `part`, provided its status allows it
/// (the domain's editability table); otherwise says why not.
async fn lock(c: &mut impl Exec, id: &str, part: InterviewPart, now: DateTime<Utc>) -> Result<()> {
    let allowed = part.editable_in();
    let mut sql = Sql::with(
        "UPDATE interviews SET updated_at = $1 WHERE id = $2 AND status IN ",
        [now.into(), id.into()],
    );
    let allowed_text: Vec<String> = allowed.iter().map(|s| s.as_str().to_string()).collect();
    sql.in_list(&allowed_text);
    if c.execute(sql).await? == 1 {
        return Ok(());
    }
    let current = interview_by_id(c, id).await?;
    Err(match part.check(current.status) {
        Err(why) => StoreError::Conflict(why.to_string()),
        Ok(()) => StoreError::Conflict("the interview changed meanwhile; try again".into()),
    })
}

async fn questions(c: &mut impl Exec, ids: &[String]) -> Result<Vec<Question>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut sql = Sql::new(
        "SELECT interview_id, position, text, origin, skill_id, answer FROM interview_questions WHERE interview_id IN ",
    );
    sql.in_list(ids).push(" ORDER BY interview_id, position");
    convert(c.rows::<QuestionRow>(sql).await?)
}

#[derive(sqlx::FromRow)]
struct MaxRow {
    n: Option<i64>,
}

async fn append_questions(c: &mut impl Exec, id: &str, qs: &[NewQuestion]) -> Result<()> {
    if qs.is_empty() {
        return Ok(());
    }
    let rows: Vec<MaxRow> = c
        .rows(Sql::with(
            "SELECT CAST(MAX(position) AS BIGINT) AS n FROM interview_questions WHERE interview_id = $1",
            [id.into()],
        ))
        .await?;
    let next = rows.first().and_then(|r| r.n).unwrap_or(0) + 1;
    let mut sql = Sql::new(
        "INSERT INTO interview_questions (interview_id, position, text, origin, skill_id)",
    );
    sql.values(qs.iter().enumerate(), |(i, q)| {
        vec![
            id.into(),
            (next + i as i64).into(),
            q.text.clone().into(),
            q.origin.as_str().into(),
            q.skill_id.clone().into(),
        ]
    });
    c.execute(sql)
        .await
        .map_err(missing("one of the questions' skills"))?;
    Ok(())
}

/// `$1, $2, …`: one placeholder for each of [`interview_args`].
fn interview_placeholders() -> String {
    (1..=INTERVIEW_COLUMNS.split(',').count())
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The values of [`INTERVIEW_COLUMNS`], in order.
fn interview_args(i: &Interview) -> Vec<super::sql::Arg> {
    vec![
        i.id.clone().into(),
        i.person_id.clone().into(),
        i.person_name.clone().into(),
        i.interviewer_id.clone().into(),
        i.status.as_str().into(),
        i.scheduled_for.into(),
        i.notes.clone().into(),
        i.outside_contacts.clone().into(),
        i.consent.into(),
        i.consent_at.into(),
        i.summary.clone().into(),
        i.started_at.into(),
        i.completed_at.into(),
        i.published_at.into(),
        super::sql::Arg::Int(i.retention_days.map(i64::from)),
        i.hold.into(),
        i.hold_reason.clone().into(),
        i.disposed_at.into(),
        i.summary_disposed_at.into(),
        i.created_at.into(),
        i.updated_at.into(),
        i.hold_by.clone().into(),
        i.hold_at.into(),
    ]
}

fn person_missing(e: StoreError) -> StoreError {
    crate::store::error::missing("that leaver or interviewer")(e)
}

/// Whether a unique violation is migration 11's index (one open interview
/// per leaver), named by PostgreSQL, or its column as SQLite reports it.
fn one_open_per_leaver(key: &str) -> bool {
    key.contains("interviews_one_open_per_leaver") || key.contains("interviews.person_id")
}

#[async_trait]
impl<B: Backend> InterviewStore for SqlStore<B> {
    #[tracing::instrument(skip_all)]
    async fn interviews_by_ids(&self, ids: &[String]) -> Result<Vec<Interview>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE id IN "
        ));
        sql.in_list(ids);
        convert(self.conn().await?.rows::<InterviewRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn list_interviews(
        &self,
        filter: &InterviewFilter,
        page: &PageRequest,
    ) -> Result<Page<Interview>> {
        let mut cond = Sql::new("1 = 1");
        if !filter.statuses.is_empty() {
            let s: Vec<String> = filter
                .statuses
                .iter()
                .map(|s| s.as_str().to_string())
                .collect();
            cond.push(" AND status IN ").in_list(&s);
        }
        if let Some(p) = &filter.person_id {
            cond.push(" AND person_id = ").bind(p);
        }
        if filter.published_only {
            cond.push(" AND published_at IS NOT NULL AND summary IS NOT NULL");
        }
        ListQuery {
            columns: INTERVIEW_COLUMNS,
            from: "interviews",
            condition: cond,
            order: &["scheduled_for", "id"],
            descending: false,
        }
        .run::<InterviewRow, Interview>(&mut self.conn().await?, page)
        .await
    }

    #[tracing::instrument(skip_all)]
    async fn interviews_of_people(&self, person_ids: &[String]) -> Result<Vec<Interview>> {
        if person_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE person_id IN "
        ));
        sql.in_list(person_ids)
            .push(" ORDER BY scheduled_for DESC, id");
        convert(self.conn().await?.rows::<InterviewRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn finished_interviews(&self) -> Result<Vec<Interview>> {
        let sql = Sql::new(&format!(
            "SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE completed_at IS NOT NULL ORDER BY completed_at, id"
        ));
        convert(self.conn().await?.rows::<InterviewRow>(sql).await?)
    }

    #[instrument(skip_all, fields(id = %i.id))]
    async fn create_interview(
        &self,
        i: &Interview,
        qs: &[NewQuestion],
        topics: &[String],
        audit: &AuditEvent,
    ) -> Result<Interview> {
        let mut tx = self.tx().await?;
        let sql = Sql::with(
            &format!(
                "INSERT INTO interviews ({INTERVIEW_COLUMNS}) VALUES ({})",
                interview_placeholders()
            ),
            interview_args(i),
        );
        tx.execute(sql).await.map_err(|e| match e {
            StoreError::Conflict(key) if one_open_per_leaver(&key) => {
                StoreError::Conflict(format!(
                    "{} already has an interview that is scheduled or in progress",
                    i.person_name
                ))
            }
            other => person_missing(other),
        })?;
        append_questions(&mut tx, &i.id, qs).await?;
        insert_topics(&mut tx, &i.id, topics).await?;
        append_audit(&mut tx, self.audit_key.as_ref(), audit).await?;
        let created = interview_by_id(&mut tx, &i.id).await?;
        tx.commit().await?;
        Ok(created)
    }

    #[instrument(skip_all, fields(id = %i.id))]
    async fn save_interview(
        &self,
        i: &Interview,
        expected: InterviewStatus,
        audit: Option<&AuditEvent>,
    ) -> Result<Interview> {
        let mut tx = self.tx().await?;
        let mut args = interview_args(i);
        args.push(expected.as_str().into());
        let sql = Sql::with(
            "UPDATE interviews SET person_id = $2, person_name = $3, interviewer_id = $4, status = $5, \
             scheduled_for = $6, notes = $7, outside_contacts = $8, consent = $9, consent_at = $10, \
             summary = $11, started_at = $12, completed_at = $13, published_at = $14, retention_days = $15, \
             hold = $16, hold_reason = $17, disposed_at = $18, summary_disposed_at = $19, created_at = $20, \
             updated_at = $21, hold_by = $22, hold_at = $23 WHERE id = $1 AND status = $24",
            args,
        );
        if tx.execute(sql).await.map_err(person_missing)? == 0 {
            let current = interview_by_id(&mut tx, &i.id).await?;
            return Err(StoreError::Conflict(format!(
                "this interview changed meanwhile (it is now {}); reload it and try again",
                current.status.as_str().replace('_', " ")
            )));
        }
        if let Some(event) = audit {
            append_audit(&mut tx, self.audit_key.as_ref(), event).await?;
        }
        let saved = interview_by_id(&mut tx, &i.id).await?;
        graph::note(&mut tx, Entity::Interview, [i.id.as_str()]).await?;
        tx.commit().await?;
        Ok(saved)
    }

    #[tracing::instrument(skip_all)]
    async fn questions_of(&self, ids: &[String]) -> Result<Vec<Question>> {
        questions(&mut self.conn().await?, ids).await
    }

    #[tracing::instrument(skip_all)]
    async fn add_questions(
        &self,
        id: &str,
        qs: &[NewQuestion],
        now: DateTime<Utc>,
    ) -> Result<Vec<Question>> {
        let mut tx = self.tx().await?;
        lock(&mut tx, id, InterviewPart::Questions, now).await?;
        append_questions(&mut tx, id, qs).await?;
        let all = questions(&mut tx, &[id.to_string()]).await?;
        tx.commit().await?;
        Ok(all)
    }

    #[tracing::instrument(skip_all)]
    async fn answer_questions(
        &self,
        id: &str,
        answers: &[(u32, Option<String>)],
        now: DateTime<Utc>,
    ) -> Result<Vec<Question>> {
        let mut tx = self.tx().await?;
        lock(&mut tx, id, InterviewPart::Answers, now).await?;
        for (position, answer) in answers {
            let sql = Sql::with(
                "UPDATE interview_questions SET answer = $1 WHERE interview_id = $2 AND position = $3",
                [
                    answer.clone().into(),
                    id.into(),
                    i64::from(*position).into(),
                ],
            );
            if tx.execute(sql).await? == 0 {
                return Err(StoreError::not_found(format!("question {position}")));
            }
        }
        let all = questions(&mut tx, &[id.to_string()]).await?;
        tx.commit().await?;
        Ok(all)
    }

    #[tracing::instrument(skip_all)]
    async fn topics_of(&self, ids: &[String]) -> Result<Vec<(String, String)>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(
            "SELECT interview_id AS a, skill_id AS b FROM interview_topics WHERE interview_id IN ",
        );
        sql.in_list(ids).push(" ORDER BY interview_id, skill_id");
        let rows: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn harvests_of_skills(&self, skill_ids: &[String]) -> Result<Vec<(String, Interview)>> {
        if skill_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(
            "SELECT t.skill_id AS a, t.interview_id AS b FROM interview_topics t \
             JOIN interviews i ON i.id = t.interview_id \
             WHERE i.completed_at IS NOT NULL AND t.skill_id IN ",
        );
        sql.in_list(skill_ids)
            .push(" ORDER BY i.completed_at DESC, t.interview_id");
        let pairs: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        let ids: Vec<String> = pairs.iter().map(|p| p.b.clone()).collect();
        let found: HashMap<String, Interview> = self
            .interviews_by_ids(&ids)
            .await?
            .into_iter()
            .map(|i| (i.id.clone(), i))
            .collect();
        Ok(pairs
            .into_iter()
            .filter_map(|p| found.get(&p.b).cloned().map(|i| (p.a, i)))
            .collect())
    }

    #[tracing::instrument(skip_all)]
    async fn set_topics(&self, id: &str, skill_ids: &[String], now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.tx().await?;
        lock(&mut tx, id, InterviewPart::Topics, now).await?;
        let mut del = Sql::with(
            "DELETE FROM interview_topics WHERE interview_id = $1",
            [id.into()],
        );
        if !skill_ids.is_empty() {
            del.push(" AND skill_id NOT IN ").in_list(skill_ids);
        }
        tx.execute(del).await?;
        insert_topics(&mut tx, id, skill_ids).await?;
        tx.commit().await
    }

    #[tracing::instrument(skip_all)]
    async fn successors_of(&self, ids: &[String]) -> Result<Vec<Successor>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(
            "SELECT interview_id, skill_id, person_id, note FROM interview_successors WHERE interview_id IN ",
        );
        sql.in_list(ids)
            .push(" ORDER BY interview_id, skill_id, person_id");
        Ok(map(self.conn().await?.rows::<SuccessorRow>(sql).await?))
    }

    #[tracing::instrument(skip_all)]
    async fn successors_named(&self, person_id: &str) -> Result<Vec<Successor>> {
        let sql = Sql::with(
            "SELECT interview_id, skill_id, person_id, note FROM interview_successors WHERE person_id = $1 \
             ORDER BY interview_id, skill_id",
            [person_id.into()],
        );
        Ok(map(self.conn().await?.rows::<SuccessorRow>(sql).await?))
    }

    #[tracing::instrument(skip_all)]
    async fn set_successor(&self, s: &Successor, now: DateTime<Utc>) -> Result<Successor> {
        let mut tx = self.tx().await?;
        lock(&mut tx, &s.interview_id, InterviewPart::Successors, now).await?;
        use crate::store::error::missing;
        tx.execute(Sql::with(
            "INSERT INTO interview_topics (interview_id, skill_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            [s.interview_id.clone().into(), s.skill_id.clone().into()],
        ))
        .await
        .map_err(missing("that skill"))?;
        tx.execute(Sql::with(
            "INSERT INTO interview_successors (interview_id, skill_id, person_id, note) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (interview_id, skill_id, person_id) DO UPDATE SET note = excluded.note",
            [
                s.interview_id.clone().into(),
                s.skill_id.clone().into(),
                s.person_id.clone().into(),
                s.note.clone().into(),
            ],
        ))
        .await
        .map_err(missing("that successor"))?;
        tx.commit().await?;
        Ok(s.clone())
    }

    #[tracing::instrument(skip_all)]
    async fn remove_successor(
        &self,
        id: &str,
        skill_id: &str,
        person_id: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.tx().await?;
        lock(&mut tx, id, InterviewPart::Successors, now).await?;
        let n = tx
            .execute(Sql::with(
                "DELETE FROM interview_successors WHERE interview_id = $1 AND skill_id = $2 AND person_id = $3",
                [id.into(), skill_id.into(), person_id.into()],
            ))
            .await?;
        if n == 0 {
            return Err(StoreError::not_found("that successor for that topic"));
        }
        tx.commit().await
    }

    #[tracing::instrument(skip_all)]
    async fn question_sets(&self) -> Result<Vec<QuestionSet>> {
        let sql = Sql::new(
            "SELECT id, name, questions, updated_at FROM question_sets ORDER BY name_key, id",
        );
        convert(self.conn().await?.rows::<QuestionSetRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn question_sets_by_ids(&self, ids: &[String]) -> Result<Vec<QuestionSet>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql =
            Sql::new("SELECT id, name, questions, updated_at FROM question_sets WHERE id IN ");
        sql.in_list(ids);
        convert(self.conn().await?.rows::<QuestionSetRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn save_question_set(&self, set: &QuestionSet, replace: bool) -> Result<QuestionSet> {
        let mut tx = self.tx().await?;
        let questions = serde_json::to_string(&set.questions)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let args = [
            set.id.clone().into(),
            set.name.clone().into(),
            SkillKey::of(&set.name).into_string().into(),
            questions.into(),
            set.updated_at.into(),
        ];
        let text = if replace {
            "UPDATE question_sets SET name = $2, name_key = $3, questions = $4, updated_at = $5 WHERE id = $1"
        } else {
            "INSERT INTO question_sets (id, name, name_key, questions, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5)"
        };
        let n = tx
            .execute(Sql::with(text, args))
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => StoreError::Conflict(format!(
                    "a question set named '{}' already exists",
                    set.name
                )),
                other => other,
            })?;
        if n == 0 {
            return Err(StoreError::not_found(format!("question set '{}'", set.id)));
        }
        tx.commit().await?;
        Ok(set.clone())
    }

    #[tracing::instrument(skip_all)]
    async fn delete_question_set(&self, id: &str) -> Result<()> {
        let n = self
            .conn()
            .await?
            .execute(Sql::with(
                "DELETE FROM question_sets WHERE id = $1",
                [id.into()],
            ))
            .await?;
        if n == 0 {
            return Err(StoreError::not_found(format!("question set '{id}'")));
        }
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    async fn dispose(
        &self,
        id: &str,
        due: &[Due],
        now: DateTime<Utc>,
        audit: &AuditEvent,
    ) -> Result<Vec<DisposalCertificate>> {
        let mut tx = self.tx().await?;
        let certificates =
            dispose::dispose(&mut tx, id, due, now, self.audit_key.as_ref(), audit, None).await?;
        graph::note(&mut tx, Entity::Interview, [id]).await?;
        tx.commit().await?;
        Ok(certificates)
    }

    #[tracing::instrument(skip_all)]
    async fn certificates_of(&self, ids: &[String]) -> Result<Vec<DisposalCertificate>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM disposal_certificates WHERE interview_id IN "
        ));
        sql.in_list(ids).push(" ORDER BY disposed_at, id");
        convert(self.conn().await?.rows::<CertificateRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn certificates(&self, limit: usize) -> Result<Vec<DisposalCertificate>> {
        let sql = Sql::with(
            &format!(
                "SELECT {CERTIFICATE_COLUMNS} FROM disposal_certificates ORDER BY disposed_at DESC, id LIMIT $1"
            ),
            [(limit as i64).into()],
        );
        convert(self.conn().await?.rows::<CertificateRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn harvest_coverage(&self) -> Result<Vec<(String, i64)>> {
        // Leavers (people leaving or gone) whose finished interview recorded
        // something for the topic: the same condition as the risk rule's.
        let sql = Sql::new(&format!(
            "SELECT t.skill_id AS a, COUNT(DISTINCT i.person_id) AS n FROM interview_topics t \
             JOIN interviews i ON i.id = t.interview_id JOIN people p ON p.id = i.person_id \
             WHERE {} AND p.status IN ({}) GROUP BY t.skill_id",
            super::risk::RECORDED,
            super::sql::words(
                crate::domain::PersonStatus::LEAVERS
                    .iter()
                    .map(|s| s.as_str())
            )
        ));
        let rows: Vec<KeyCountRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.n)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn create_disposal_request(
        &self,
        request: &DisposalRequest,
        audit: &AuditEvent,
    ) -> Result<DisposalRequest> {
        let mut tx = self.tx().await?;
        let created = requests::create(&mut tx, request, self.audit_key.as_ref(), audit).await?;
        tx.commit().await?;
        Ok(created)
    }

    #[tracing::instrument(skip_all)]
    async fn disposal_requests(
        &self,
        status: Option<DisposalRequestStatus>,
        interview_ids: Option<&[String]>,
        limit: usize,
    ) -> Result<Vec<DisposalRequest>> {
        requests::list(&mut self.conn().await?, status, interview_ids, limit).await
    }

    #[tracing::instrument(skip_all)]
    async fn disposal_request(&self, id: &str) -> Result<DisposalRequest> {
        requests::request_by_id(&mut self.conn().await?, id).await
    }

    #[tracing::instrument(skip_all)]
    async fn decide_disposal_request(
        &self,
        id: &str,
        decided: &Decided,
        effect: &Effect,
        audit: &AuditEvent,
    ) -> Result<(DisposalRequest, Vec<DisposalCertificate>)> {
        let mut tx = self.tx().await?;
        let out =
            requests::decide(&mut tx, id, decided, effect, self.audit_key.as_ref(), audit).await?;
        if !out.1.is_empty() {
            graph::note(&mut tx, Entity::Interview, [out.0.interview_id.as_str()]).await?;
        }
        tx.commit().await?;
        Ok(out)
    }

    #[tracing::instrument(skip_all)]
    async fn held_interviews(&self, limit: usize) -> Result<Vec<Interview>> {
        requests::held(&mut self.conn().await?, limit).await
    }

    #[tracing::instrument(skip_all)]
    async fn save_retention(
        &self,
        i: &Interview,
        was: (Option<u32>, bool),
        audit: &AuditEvent,
    ) -> Result<Interview> {
        let mut tx = self.tx().await?;
        requests::save_retention(&mut tx, i, was, self.audit_key.as_ref(), audit).await?;
        let saved = interview_by_id(&mut tx, &i.id).await?;
        tx.commit().await?;
        Ok(saved)
    }
}
