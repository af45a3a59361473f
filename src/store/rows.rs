//! Row types shared by both backends, and their conversion into domain types.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{
    Community, CommunityRole, CommunityStatus, Endorsement, Evidence, Level, Membership, Office,
    Person, PersonSkill, PersonStatus, Skill, SkillSource, Visibility,
};

use super::StoreError;

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("stored {what} is invalid: {e}"))
}

#[derive(sqlx::FromRow)]
pub struct OfficeRow {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    pub timezone: Option<String>,
}

impl From<OfficeRow> for Office {
    fn from(r: OfficeRow) -> Self {
        Office {
            id: r.id,
            name: r.name,
            country: r.country,
            timezone: r.timezone,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub name_key: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub org_unit: Option<String>,
    pub office_id: Option<String>,
    pub country: Option<String>,
    pub timezone: Option<String>,
    pub manager_id: Option<String>,
    pub status: String,
    pub leaving_on: Option<NaiveDate>,
    pub discoverable: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<PersonRow> for Person {
    type Error = StoreError;
    fn try_from(r: PersonRow) -> Result<Self, StoreError> {
        Ok(Person {
            status: PersonStatus::parse(&r.status).map_err(|e| corrupt("status", e))?,
            id: r.id,
            name: r.name,
            email: r.email,
            title: r.title,
            org_unit: r.org_unit,
            office_id: r.office_id,
            country: r.country,
            timezone: r.timezone,
            manager_id: r.manager_id,
            leaving_on: r.leaving_on,
            discoverable: r.discoverable,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct SkillRow {
    pub id: String,
    pub name: String,
    pub name_key: String,
    pub description: Option<String>,
    pub broader_id: Option<String>,
}

impl From<SkillRow> for Skill {
    fn from(r: SkillRow) -> Self {
        Skill {
            id: r.id,
            name: r.name,
            description: r.description,
            broader_id: r.broader_id,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct PersonSkillRow {
    pub person_id: String,
    pub skill_id: String,
    pub level: i32,
    pub source: String,
    pub last_used: Option<NaiveDate>,
}

impl TryFrom<PersonSkillRow> for PersonSkill {
    type Error = StoreError;
    fn try_from(r: PersonSkillRow) -> Result<Self, StoreError> {
        Ok(PersonSkill {
            level: Level::new(r.level.into()).map_err(|e| corrupt("level", e))?,
            source: SkillSource::parse(&r.source).map_err(|e| corrupt("source", e))?,
            person_id: r.person_id,
            skill_id: r.skill_id,
            last_used: r.last_used,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct EndorsementRow {
    pub person_id: String,
    pub skill_id: String,
    pub endorser_id: String,
    pub created_at: DateTime<Utc>,
}

impl From<EndorsementRow> for Endorsement {
    fn from(r: EndorsementRow) -> Self {
        Endorsement {
            person_id: r.person_id,
            skill_id: r.skill_id,
            endorser_id: r.endorser_id,
            created_at: r.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct CommunityRow {
    pub id: String,
    pub name: String,
    pub name_key: String,
    pub description: Option<String>,
    pub visibility: String,
    pub status: String,
    pub proposed_by: Option<String>,
}

impl TryFrom<CommunityRow> for Community {
    type Error = StoreError;
    fn try_from(r: CommunityRow) -> Result<Self, StoreError> {
        Ok(Community {
            visibility: Visibility::parse(&r.visibility).map_err(|e| corrupt("visibility", e))?,
            status: CommunityStatus::parse(&r.status).map_err(|e| corrupt("status", e))?,
            proposed_by: r.proposed_by,
            id: r.id,
            name: r.name,
            description: r.description,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct MembershipRow {
    pub community_id: String,
    pub person_id: String,
    pub role: String,
    pub joined_at: DateTime<Utc>,
}

impl TryFrom<MembershipRow> for Membership {
    type Error = StoreError;
    fn try_from(r: MembershipRow) -> Result<Self, StoreError> {
        Ok(Membership {
            role: CommunityRole::parse(&r.role).map_err(|e| corrupt("role", e))?,
            community_id: r.community_id,
            person_id: r.person_id,
            joined_at: r.joined_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct EvidenceRow {
    pub id: String,
    pub kind: String,
    pub title: Option<String>,
    pub body: String,
    pub url: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<EvidenceRow> for Evidence {
    fn from(r: EvidenceRow) -> Self {
        Evidence {
            id: r.id,
            kind: r.kind,
            title: r.title,
            text: r.body,
            url: r.url,
            created_at: r.created_at,
        }
    }
}

/// A piece of evidence's kind and when it was written.
#[derive(sqlx::FromRow)]
pub struct WrittenRow {
    pub kind: String,
    pub created_at: DateTime<Utc>,
}

/// A pair of ids from a link table.
#[derive(sqlx::FromRow)]
pub struct PairRow {
    pub a: String,
    pub b: String,
}

/// A key with a count, from a `GROUP BY`.
#[derive(sqlx::FromRow)]
pub struct KeyCountRow {
    pub a: String,
    pub n: i64,
}

/// One id.
#[derive(sqlx::FromRow)]
pub struct IdRow {
    pub id: String,
}

#[derive(sqlx::FromRow)]
pub struct CountRow {
    pub n: i64,
}

/// Converts rows, failing on the first invalid one.
pub fn convert<R, T>(rows: Vec<R>) -> Result<Vec<T>, StoreError>
where
    T: TryFrom<R, Error = StoreError>,
{
    rows.into_iter().map(T::try_from).collect()
}

/// Converts infallibly.
pub fn map<R, T: From<R>>(rows: Vec<R>) -> Vec<T> {
    rows.into_iter().map(T::from).collect()
}
