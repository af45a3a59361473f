//! What people keep about themselves (`person_profiles`): summary, languages,
//! "ask me about" topics with the skills they named, working hours, and
//! imported handles. A person's profile is part of their graph entity.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveTime;
use tracing::instrument;

use crate::domain::{Days, Profile, WorkingHours};

use super::graph::{self, Entity};
use super::sql::Sql;
use super::{Backend, Exec, Result, SqlStore};

const PROFILE_COLUMNS: &str = "person_id, summary, languages, ask_me_about, ask_skill_ids, \
     work_start, work_end, work_days, handles";

/// A stored profile, with the skills its topics named when saved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredProfile {
    pub profile: Profile,
    pub ask_skill_ids: Vec<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct ProfileRow {
    pub person_id: String,
    pub summary: Option<String>,
    pub languages: String,
    pub ask_me_about: String,
    pub ask_skill_ids: String,
    pub work_start: Option<String>,
    pub work_end: Option<String>,
    pub work_days: Option<i64>,
    pub handles: String,
}

fn list(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// Stored working hours, when all three parts are there and sound.
pub(super) fn hours(
    start: Option<&str>,
    end: Option<&str>,
    days: Option<i64>,
) -> Option<WorkingHours> {
    let time = |t: Option<&str>| NaiveTime::parse_from_str(t?, "%H:%M").ok();
    Some(WorkingHours {
        start: time(start)?,
        end: time(end)?,
        days: Days::from_bits(days?)?,
    })
}

impl From<ProfileRow> for (String, StoredProfile) {
    fn from(r: ProfileRow) -> Self {
        let profile = Profile {
            summary: r.summary,
            languages: list(&r.languages),
            ask_me_about: list(&r.ask_me_about),
            hours: hours(r.work_start.as_deref(), r.work_end.as_deref(), r.work_days),
            handles: serde_json::from_str::<BTreeMap<String, String>>(&r.handles)
                .unwrap_or_default(),
        };
        (
            r.person_id,
            StoredProfile {
                profile,
                ask_skill_ids: list(&r.ask_skill_ids),
            },
        )
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

#[async_trait]
pub trait ProfileStore {
    /// `(person id, profile)` for those of `person_ids` who have one.
    async fn profiles_of(&self, person_ids: &[String]) -> Result<Vec<(String, StoredProfile)>>;
    /// Saves what the person keeps (summary, languages, topics and the skills
    /// they named, hours); their handles stay as they are.
    async fn set_profile(&self, person_id: &str, profile: &StoredProfile) -> Result<()>;
}

#[async_trait]
impl<B: Backend> ProfileStore for SqlStore<B> {
    #[instrument(skip_all, fields(n = person_ids.len()))]
    async fn profiles_of(&self, person_ids: &[String]) -> Result<Vec<(String, StoredProfile)>> {
        if person_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new(&format!(
            "SELECT {PROFILE_COLUMNS} FROM person_profiles WHERE person_id IN "
        ));
        sql.in_list(person_ids);
        let rows: Vec<ProfileRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    #[instrument(skip_all, fields(person = person_id))]
    async fn set_profile(&self, person_id: &str, stored: &StoredProfile) -> Result<()> {
        let p = &stored.profile;
        let mut tx = self.tx().await?;
        let exists = Sql::with("SELECT id FROM people WHERE id = $1", [person_id.into()]);
        if tx.rows::<IdRow>(exists).await?.is_empty() {
            return Err(super::StoreError::not_found(format!(
                "person '{person_id}'"
            )));
        }
        let clock = |t: Option<NaiveTime>| t.map(WorkingHours::clock);
        let sql = Sql::with(
            "INSERT INTO person_profiles (person_id, summary, languages, ask_me_about, ask_skill_ids, \
             work_start, work_end, work_days, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (person_id) DO UPDATE SET summary = excluded.summary, \
             languages = excluded.languages, ask_me_about = excluded.ask_me_about, \
             ask_skill_ids = excluded.ask_skill_ids, work_start = excluded.work_start, \
             work_end = excluded.work_end, work_days = excluded.work_days, \
             updated_at = excluded.updated_at",
            [
                person_id.into(),
                p.summary.clone().into(),
                json(&p.languages).into(),
                json(&p.ask_me_about).into(),
                json(&stored.ask_skill_ids).into(),
                clock(p.hours.map(|h| h.start)).into(),
                clock(p.hours.map(|h| h.end)).into(),
                super::sql::Arg::Int(p.hours.map(|h| i64::from(h.days.bits()))),
                self.now().into(),
            ],
        );
        tx.execute(sql).await?;
        graph::note(&mut tx, Entity::Person, [person_id]).await?;
        tx.commit().await
    }
}

#[derive(sqlx::FromRow)]
struct IdRow {
    #[expect(dead_code, reason = "only whether a row came back matters")]
    id: String,
}
