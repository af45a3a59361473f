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

/// The parts of a profile an edit replaces; `None` keeps a part as stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileChange {
    pub summary: Option<Option<String>>,
    pub languages: Option<Vec<String>>,
    /// The topics, with the skills they name.
    pub ask_me_about: Option<(Vec<String>, Vec<String>)>,
    pub hours: Option<Option<WorkingHours>>,
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
    /// Replaces the parts of the person's profile that `change` gives, in
    /// one statement (so two edits of different parts at once both stay),
    /// and returns the profile as it is now; their handles stay as they are.
    async fn update_profile(
        &self,
        person_id: &str,
        change: &ProfileChange,
    ) -> Result<StoredProfile>;
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
    async fn update_profile(
        &self,
        person_id: &str,
        change: &ProfileChange,
    ) -> Result<StoredProfile> {
        let mut tx = self.tx().await?;
        let clock = |t: Option<NaiveTime>| t.map(WorkingHours::clock);
        let given = |yes: bool| super::sql::Arg::Int(Some(i64::from(yes)));
        let (topics, skills) = change.ask_me_about.clone().unwrap_or_default();
        let hours = change.hours.flatten();
        // Each part is replaced only when given ($10–$13), inside the one
        // upsert: no read of the old row, so no edit overwrites another's.
        let sql = Sql::with(
            "INSERT INTO person_profiles (person_id, summary, languages, ask_me_about, ask_skill_ids, \
             work_start, work_end, work_days, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (person_id) DO UPDATE SET \
             summary = CASE WHEN $10 = 1 THEN excluded.summary ELSE person_profiles.summary END, \
             languages = CASE WHEN $11 = 1 THEN excluded.languages ELSE person_profiles.languages END, \
             ask_me_about = CASE WHEN $12 = 1 THEN excluded.ask_me_about ELSE person_profiles.ask_me_about END, \
             ask_skill_ids = CASE WHEN $12 = 1 THEN excluded.ask_skill_ids ELSE person_profiles.ask_skill_ids END, \
             work_start = CASE WHEN $13 = 1 THEN excluded.work_start ELSE person_profiles.work_start END, \
             work_end = CASE WHEN $13 = 1 THEN excluded.work_end ELSE person_profiles.work_end END, \
             work_days = CASE WHEN $13 = 1 THEN excluded.work_days ELSE person_profiles.work_days END, \
             updated_at = excluded.updated_at",
            [
                person_id.into(),
                change.summary.clone().flatten().into(),
                json(&change.languages.clone().unwrap_or_default()).into(),
                json(&topics).into(),
                json(&skills).into(),
                clock(hours.map(|h| h.start)).into(),
                clock(hours.map(|h| h.end)).into(),
                super::sql::Arg::Int(hours.map(|h| i64::from(h.days.bits()))),
                self.now().into(),
                given(change.summary.is_some()),
                given(change.languages.is_some()),
                given(change.ask_me_about.is_some()),
                given(change.hours.is_some()),
            ],
        );
        // The write comes first: a SQLite transaction that read first could
        // not take the write lock while another edit holds it.
        tx.execute(sql).await.map_err(|err| match err {
            super::StoreError::MissingReference(_) => {
                super::StoreError::not_found(format!("person '{person_id}'"))
            }
            other => other,
        })?;
        graph::note(&mut tx, Entity::Person, [person_id]).await?;
        let now = Sql::with(
            &format!("SELECT {PROFILE_COLUMNS} FROM person_profiles WHERE person_id = $1"),
            [person_id.into()],
        );
        let row = tx.rows::<ProfileRow>(now).await?.into_iter().next();
        tx.commit().await?;
        Ok(row
            .map(|r| <(String, StoredProfile)>::from(r).1)
            .unwrap_or_default())
    }
}
