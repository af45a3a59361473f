//! Writing imported interviews inside the import's transaction. An import
//! never touches a record disposed of here (the check refuses it first; the
//! `WHERE` below makes sure even a racing disposal wins), and a repeated
//! import changes nothing.

use crate::domain::{Question, Successor};

use super::rows::{INTERVIEW_COLUMNS, SuccessorRow};
use super::{interview_args, interview_placeholders, questions};
use crate::store::bulk::ImportInterview;
use crate::store::rows::PairRow;
use crate::store::sql::Sql;
use crate::store::{Exec, Result};

/// Columns an import compares and overwrites: all but the creation time and
/// the record's governance. Once a record is here, its retention period and
/// holds are kept in Tacit: a later import cannot lift a hold or shorten the
/// period (that needs a second person's approval, `harvest::interviews::four_eyes`).
const UPDATED: &[&str] = &[
    "person_id",
    "person_name",
    "interviewer_id",
    "status",
    "scheduled_for",
    "notes",
    "outside_contacts",
    "consent",
    "consent_at",
    "summary",
    "started_at",
    "completed_at",
    "published_at",
];

pub(crate) async fn import(
    c: &mut impl Exec,
    items: &[ImportInterview],
    links: &mut u64,
) -> Result<u64> {
    let mut changed = 0;
    for item in items {
        let i = &item.interview;
        let sets: Vec<String> = UPDATED
            .iter()
            .map(|col| format!("{col} = excluded.{col}"))
            .chain(std::iter::once(
                "updated_at = excluded.updated_at".to_string(),
            ))
            .collect();
        let differs: Vec<String> = UPDATED
            .iter()
            .map(|col| format!("interviews.{col} IS DISTINCT FROM excluded.{col}"))
            .collect();
        let sql = Sql::with(
            &format!(
                "INSERT INTO interviews ({INTERVIEW_COLUMNS}) VALUES ({}) \
                 ON CONFLICT (id) DO UPDATE SET {} WHERE interviews.status <> {} AND ({})",
                interview_placeholders(),
                sets.join(", "),
                crate::store::sql::word(crate::domain::InterviewStatus::Disposed.as_str()),
                differs.join(" OR ")
            ),
            interview_args(i),
        );
        changed += c.execute(sql).await?;
        *links += replace_links(c, item).await?;
    }
    Ok(changed)
}

/// Replaces the interview's questions, topics and successors when they differ.
async fn replace_links(c: &mut impl Exec, item: &ImportInterview) -> Result<u64> {
    let id = item.interview.id.as_str();
    let ids = [id.to_string()];
    let stored_questions: Vec<Question> = questions(c, &ids).await?;
    let mut stored_topics: Vec<String> = c
        .rows::<PairRow>(Sql::with(
            "SELECT interview_id AS a, skill_id AS b FROM interview_topics WHERE interview_id = $1",
            [id.into()],
        ))
        .await?
        .into_iter()
        .map(|r| r.b)
        .collect();
    let mut stored_successors: Vec<Successor> = c
        .rows::<SuccessorRow>(Sql::with(
            "SELECT interview_id, skill_id, person_id, note FROM interview_successors WHERE interview_id = $1",
            [id.into()],
        ))
        .await?
        .into_iter()
        .map(Successor::from)
        .collect();
    let mut topics = item.topics.clone();
    let mut successors = item.successors.clone();
    topics.sort();
    stored_topics.sort();
    let key = |s: &Successor| (s.skill_id.clone(), s.person_id.clone());
    successors.sort_by_key(key);
    stored_successors.sort_by_key(key);
    if stored_questions == item.questions
        && stored_topics == topics
        && stored_successors == successors
    {
        return Ok(0);
    }
    let mut n = 0;
    for table in [
        "interview_questions",
        "interview_successors",
        "interview_topics",
    ] {
        n += c
            .execute(Sql::with(
                &format!("DELETE FROM {table} WHERE interview_id = $1"),
                [id.into()],
            ))
            .await?;
    }
    if !item.questions.is_empty() {
        let mut sql = Sql::new(
            "INSERT INTO interview_questions (interview_id, position, text, origin, skill_id, answer)",
        );
        sql.values(&item.questions, |q| {
            vec![
                id.into(),
                i64::from(q.position).into(),
                q.text.clone().into(),
                q.origin.as_str().into(),
                q.skill_id.clone().into(),
                q.answer.clone().into(),
            ]
        });
        n += c.execute(sql).await?;
    }
    if !topics.is_empty() {
        let mut sql = Sql::new("INSERT INTO interview_topics (interview_id, skill_id)");
        sql.values(&topics, |s| vec![id.into(), s.into()]);
        n += c.execute(sql).await?;
    }
    if !successors.is_empty() {
        let mut sql =
            Sql::new("INSERT INTO interview_successors (interview_id, skill_id, person_id, note)");
        sql.values(&successors, |s| {
            vec![
                id.into(),
                s.skill_id.clone().into(),
                s.person_id.clone().into(),
                s.note.clone().into(),
            ]
        });
        n += c.execute(sql).await?;
    }
    Ok(n)
}
