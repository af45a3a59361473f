//! Read queries.

use async_graphql::{Context, ID, InputObject, Interface, MergedObject, Object};

use crate::error::{ApiError, ApiResult};
use crate::store::{
    Cursor, EvidenceFilter as StoreEvidenceFilter, PageRequest, PeopleFilter as StorePeopleFilter,
};

use super::State;
use super::authz::{may, principal};
use super::enums::PersonStatus;
use super::experts::ExpertQueries;
use super::harvest::HarvestQuery;
use super::ids::{Kind, decode_any, decode_cursor, external};
use super::security::SecurityQuery;
use super::types::{
    Community, Evidence, List, Office, Person, Skill, connection, loaders, person_by_id,
};
use crate::auth::{Action, Resource};

/// Anything with a global id.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Person(Person),
    Office(Office),
    Skill(Skill),
    Community(Community),
    Evidence(Evidence),
    Interview(super::interviews::Interview),
}

pub const DEFAULT_PAGE: i32 = 20;
pub const MAX_PAGE: i32 = 100;

/// A page size asked for: 1 to [`MAX_PAGE`].
pub fn page_size(first: i32) -> ApiResult<usize> {
    size_within(first, MAX_PAGE as usize)
}

/// The one meaning of `first`, top-level or nested: 1 to `max`, and a value
/// out of range is an error that says the range (never silently clamped).
pub fn size_within(first: i32, max: usize) -> ApiResult<usize> {
    match usize::try_from(first) {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(ApiError::bad_input(format!(
            "first must be between 1 and {max}"
        ))),
    }
}

pub fn page_request(first: Option<i32>, after: Option<String>) -> ApiResult<PageRequest> {
    let first = page_size(first.unwrap_or(DEFAULT_PAGE))?;
    let after = after.map(|c| decode_cursor(&c).map(Cursor)).transpose()?;
    Ok(PageRequest { first, after })
}

#[derive(InputObject, Default)]
pub struct PeopleFilter {
    pub office_id: Option<ID>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    pub skill_id: Option<ID>,
    pub status: Option<PersonStatus>,
    /// Matches the start of the name, ignoring case.
    pub name_prefix: Option<String>,
    pub manager_id: Option<ID>,
}

#[derive(InputObject, Default)]
pub struct EvidenceFilter {
    pub author_id: Option<ID>,
    pub skill_id: Option<ID>,
}

/// Everything that can be read.
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    BaseQuery,
    ExpertQueries,
    SecurityQuery,
    HarvestQuery,
    super::interviews::InterviewQuery,
    super::records::RecordsQuery,
    super::community_care::CommunityInboxQuery,
    super::questions::QuestionQuery,
);

#[derive(Default)]
pub struct BaseQuery;

#[Object]
impl BaseQuery {
    /// Any object by its global id.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Node>> {
        let Some((kind, ext)) = decode_any(&id) else {
            return Ok(None);
        };
        let l = loaders(ctx)?;
        Ok(match kind {
            Kind::Person => person_by_id(ctx, Some(&ext)).await?.map(Node::Person),
            Kind::Office => l
                .office
                .load_one(ext)
                .await?
                .map(|o| Node::Office(Office(o))),
            Kind::Skill => l.skill.load_one(ext).await?.map(|s| Node::Skill(Skill(s))),
            Kind::Community => l
                .community
                .load_one(ext)
                .await?
                .map(|c| Node::Community(Community(c))),
            Kind::Evidence => l
                .evidence
                .load_one(ext)
                .await?
                .map(|e| Node::Evidence(Evidence(e))),
            Kind::Interview => match super::interviews::visible_interview(ctx, &ext).await {
                Ok(i) => Some(Node::Interview(i)),
                Err(ApiError::NotFound(_)) => None,
                Err(e) => return Err(e),
            },
            Kind::QuestionSet | Kind::Question | Kind::Answer => None,
        })
    }

    /// A person by global or external id; null for someone who left or opted
    /// out of search, except for themselves, HR and admins.
    async fn person(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Person>> {
        let ext = external(Kind::Person, &id)?;
        person_by_id(ctx, Some(&ext)).await
    }

    /// People in name order.
    async fn people(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        filter: Option<PeopleFilter>,
    ) -> ApiResult<List<Person>> {
        let after_given = after.is_some();
        let page = page_request(first, after)?;
        let f = filter.unwrap_or_default();
        let filter = StorePeopleFilter {
            office_id: f
                .office_id
                .map(|id| external(Kind::Office, &id))
                .transpose()?,
            country: f.country.map(|c| crate::domain::country(&c)).transpose()?,
            skill_id: f
                .skill_id
                .map(|id| external(Kind::Skill, &id))
                .transpose()?,
            status: f.status.map(Into::into),
            name_prefix: f.name_prefix.filter(|p| !p.trim().is_empty()),
            manager_id: f
                .manager_id
                .map(|id| external(Kind::Person, &id))
                .transpose()?,
            // People who left or opted out of search are listed only for HR,
            // admins and themselves; people who left only when asked for.
            contacts_or: (!may(ctx, Action::PeopleHidden, Resource::Any))
                .then(|| principal(ctx).ok().and_then(|p| p.person_id.clone())),
            hide_left: f.status.is_none(),
        };
        let result = State::of(ctx)?.store.list_people(&filter, &page).await?;
        Ok(connection(result, after_given, Person))
    }

    /// Every office, by name.
    async fn offices(&self, ctx: &Context<'_>) -> ApiResult<Vec<Office>> {
        Ok(State::of(ctx)?
            .store
            .offices()
            .await?
            .into_iter()
            .map(Office)
            .collect())
    }

    /// A skill by id, or by name or alias (case-insensitive).
    async fn skill(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        name: Option<String>,
    ) -> ApiResult<Option<Skill>> {
        let ext = match (id, name) {
            (Some(id), None) => external(Kind::Skill, &id)?,
            (None, Some(name)) => {
                let key = crate::domain::SkillKey::of(&name).into_string();
                match State::of(ctx)?
                    .store
                    .skills_by_keys(&[key])
                    .await?
                    .into_iter()
                    .next()
                {
                    Some((_, id)) => id,
                    None => return Ok(None),
                }
            }
            _ => return Err(ApiError::bad_input("give exactly one of id or name")),
        };
        Ok(loaders(ctx)?.skill.load_one(ext).await?.map(Skill))
    }

    /// Skills in name order; `prefix` matches the start of a name or alias, ignoring case.
    async fn skills(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        prefix: Option<String>,
    ) -> ApiResult<List<Skill>> {
        let after_given = after.is_some();
        let page = page_request(first, after)?;
        let result = State::of(ctx)?
            .store
            .list_skills(prefix.as_deref(), &page)
            .await?;
        Ok(connection(result, after_given, Skill))
    }

    /// A community by global or external id; the id of one merged into
    /// another leads to the survivor.
    async fn community(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Community>> {
        let ext = external(Kind::Community, &id)?;
        let l = loaders(ctx)?;
        if let Some(c) = l.community.load_one(ext.clone()).await? {
            return Ok(Some(Community(c)));
        }
        match State::of(ctx)?.store.community_redirect(&ext).await? {
            Some(to) => Ok(l.community.load_one(to).await?.map(Community)),
            None => Ok(None),
        }
    }

    /// Communities in name order.
    async fn communities(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        prefix: Option<String>,
        #[graphql(
            default_with = "Some(super::enums::CommunityStatus::Active)",
            desc = "Active ones by default; null for all."
        )]
        status: Option<super::enums::CommunityStatus>,
    ) -> ApiResult<List<Community>> {
        let after_given = after.is_some();
        let page = page_request(first, after)?;
        let result = State::of(ctx)?
            .store
            .list_communities(prefix.as_deref(), status.map(Into::into), &page)
            .await?;
        Ok(connection(result, after_given, Community))
    }

    /// Evidence, optionally by author or tagged skill.
    async fn evidence(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        filter: Option<EvidenceFilter>,
    ) -> ApiResult<List<Evidence>> {
        let after_given = after.is_some();
        let page = page_request(first, after)?;
        let f = filter.unwrap_or_default();
        let filter = StoreEvidenceFilter {
            author_id: f
                .author_id
                .map(|id| external(Kind::Person, &id))
                .transpose()?,
            skill_id: f
                .skill_id
                .map(|id| external(Kind::Skill, &id))
                .transpose()?,
        };
        let result = State::of(ctx)?.store.list_evidence(&filter, &page).await?;
        Ok(connection(result, after_given, Evidence))
    }
}
