//! GraphQL object types: thin wrappers over domain values, relations through loaders.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::domain;
use crate::error::{ApiError, ApiResult};

use super::enums::{CommunityRole, PersonStatus, SkillSource, Visibility};
use super::ids::{Kind, encode};
use super::loaders::Loaders;

pub fn loaders<'a>(ctx: &Context<'a>) -> ApiResult<&'a Loaders> {
    ctx.data::<Loaders>().map_err(|_| ApiError::Internal)
}

/// A person by id through the request's loader, when the caller may see them
/// (see `authz::listed`); `None` for no id.
pub async fn person_by_id(ctx: &Context<'_>, id: Option<&String>) -> ApiResult<Option<Person>> {
    let Some(id) = id else {
        return Ok(None);
    };
    let person = loaders(ctx)?.person.load_one(id.clone()).await?;
    Ok(person.filter(|p| super::authz::listed(ctx, p)).map(Person))
}

/// A community by id through the request's loader.
pub async fn community_by_id(ctx: &Context<'_>, id: &str) -> ApiResult<Option<Community>> {
    Ok(loaders(ctx)?
        .community
        .load_one(id.to_string())
        .await?
        .map(Community))
}

/// A skill by id through the request's loader.
pub async fn skill_by_id(ctx: &Context<'_>, id: &str) -> ApiResult<Option<Skill>> {
    Ok(loaders(ctx)?
        .skill
        .load_one(id.to_string())
        .await?
        .map(Skill))
}

/// The wall-clock time now in an IANA time zone, e.g. `14:05`.
pub(super) fn local_time(tz: Option<&str>) -> Option<String> {
    let tz: Tz = tz?.parse().ok()?;
    Some(Utc::now().with_timezone(&tz).format("%H:%M").to_string())
}

async fn load_many<L, V, T>(
    loader: &async_graphql::dataloader::DataLoader<L, async_graphql::dataloader::HashMapCache>,
    ids: Vec<String>,
    wrap: impl Fn(V) -> T,
) -> ApiResult<Vec<T>>
where
    L: async_graphql::dataloader::Loader<String, Value = V, Error = ApiError>,
    V: Clone + Send + Sync + 'static,
{
    let found = loader.load_many(ids.iter().cloned()).await?;
    Ok(ids
        .into_iter()
        .filter_map(|id| found.get(&id).cloned())
        .map(wrap)
        .collect())
}

#[derive(Clone)]
pub struct Person(pub domain::Person);

/// Someone in the organisation.
#[Object]
impl Person {
    pub async fn id(&self) -> ID {
        encode(Kind::Person, &self.0.id)
    }
    /// The id used in import files and by HR systems.
    async fn external_id(&self) -> &str {
        &self.0.id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    async fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }
    async fn org_unit(&self) -> Option<&str> {
        self.0.org_unit.as_deref()
    }
    async fn office(&self, ctx: &Context<'_>) -> ApiResult<Option<Office>> {
        let Some(id) = &self.0.office_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.office.load_one(id.clone()).await?.map(Office))
    }
    /// ISO 3166-1 alpha-2 country code.
    async fn country(&self) -> Option<&str> {
        self.0.country.as_deref()
    }
    /// IANA time zone name, e.g. `Europe/London`.
    async fn timezone(&self) -> Option<&str> {
        self.0.timezone.as_deref()
    }
    /// The person's local time now (`HH:MM`), when their time zone is known.
    async fn local_time(&self) -> Option<String> {
        local_time(self.0.timezone.as_deref())
    }
    async fn manager(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, self.0.manager_id.as_ref()).await
    }
    async fn status(&self) -> PersonStatus {
        self.0.status.into()
    }
    /// Seen by the person, HR and admins; null for everyone else.
    async fn leaving_on(&self, ctx: &Context<'_>) -> Option<NaiveDate> {
        let allowed = super::authz::may(
            ctx,
            crate::auth::Action::PersonPrivate,
            crate::auth::Resource::Person(&self.0.id),
        );
        self.0.leaving_on.filter(|_| allowed)
    }
    /// False when the person has opted out of expert search.
    async fn discoverable(&self) -> bool {
        self.0.discoverable
    }
    async fn skills(&self, ctx: &Context<'_>) -> ApiResult<Vec<PersonSkill>> {
        let skills = loaders(ctx)?
            .skills_of_person
            .load_one(self.0.id.clone())
            .await?;
        Ok(skills
            .unwrap_or_default()
            .into_iter()
            .map(PersonSkill)
            .collect())
    }
    async fn communities(&self, ctx: &Context<'_>) -> ApiResult<Vec<Membership>> {
        let m = loaders(ctx)?
            .memberships_of_person
            .load_one(self.0.id.clone())
            .await?;
        Ok(m.unwrap_or_default().into_iter().map(Membership).collect())
    }
    /// The person's neighbourhood in the knowledge graph: their strongest
    /// `first` links (skills, communities, documents, interviews, manager and
    /// reports) and the links among them.
    async fn network(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 40)] first: i32,
    ) -> ApiResult<super::network::Network> {
        super::network::of_person(ctx, &self.0, first)
    }
    /// What the person wrote, newest first.
    async fn evidence(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: i32,
    ) -> ApiResult<Vec<Evidence>> {
        let l = loaders(ctx)?;
        let ids = l
            .evidence_of_person
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        let ids = ids.into_iter().take(first.clamp(0, 100) as usize).collect();
        load_many(&l.evidence, ids, Evidence).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

#[derive(Clone)]
pub struct Office(pub domain::Office);

/// A place people work from.
#[Object]
impl Office {
    pub async fn id(&self) -> ID {
        encode(Kind::Office, &self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn country(&self) -> Option<&str> {
        self.0.country.as_deref()
    }
    async fn timezone(&self) -> Option<&str> {
        self.0.timezone.as_deref()
    }
    async fn local_time(&self) -> Option<String> {
        local_time(self.0.timezone.as_deref())
    }
    /// People based here who have not left.
    async fn headcount(&self, ctx: &Context<'_>) -> ApiResult<i64> {
        Ok(loaders(ctx)?
            .headcount_of_office
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or(0))
    }
}

#[derive(Clone)]
pub struct Skill(pub domain::Skill);

/// A skill or area of knowledge from the taxonomy.
#[Object]
impl Skill {
    pub async fn id(&self) -> ID {
        encode(Kind::Skill, &self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    async fn aliases(&self, ctx: &Context<'_>) -> ApiResult<Vec<String>> {
        Ok(loaders(ctx)?
            .aliases_of_skill
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default())
    }
    async fn broader(&self, ctx: &Context<'_>) -> ApiResult<Option<Skill>> {
        let Some(id) = &self.0.broader_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.skill.load_one(id.clone()).await?.map(Skill))
    }
    async fn narrower(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        let n = loaders(ctx)?
            .narrower_of_skill
            .load_one(self.0.id.clone())
            .await?;
        Ok(n.unwrap_or_default().into_iter().map(Skill).collect())
    }
    async fn related(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        let l = loaders(ctx)?;
        let ids = l
            .related_of_skill
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        load_many(&l.skill, ids, Skill).await
    }
    /// People who hold the skill, highest level first (at most 100; see
    /// `holderCount`). People who left or opted out of search are listed only
    /// for themselves, HR and admins.
    async fn holders(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: i32,
    ) -> ApiResult<Vec<PersonSkill>> {
        let l = loaders(ctx)?;
        let h = l
            .holders_of_skill
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        let people = l
            .person
            .load_many(h.iter().map(|ps| ps.person_id.clone()))
            .await?;
        let hidden: std::collections::HashSet<String> = people
            .into_values()
            .filter(|p| !super::authz::listed(ctx, p))
            .map(|p| p.id)
            .collect();
        Ok(h.into_iter()
            .filter(|ps| !hidden.contains(&ps.person_id))
            .take(first.clamp(0, crate::store::MAX_HOLDERS as i32) as usize)
            .map(PersonSkill)
            .collect())
    }
    async fn holder_count(&self, ctx: &Context<'_>) -> ApiResult<i32> {
        let n = loaders(ctx)?
            .holder_count_of_skill
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or(0);
        Ok(n as i32)
    }
}

#[derive(Clone)]
pub struct PersonSkill(pub domain::PersonSkill);

/// A person's hold on a skill.
#[Object]
impl PersonSkill {
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, Some(&self.0.person_id)).await
    }
    async fn skill(&self, ctx: &Context<'_>) -> ApiResult<Option<Skill>> {
        Ok(loaders(ctx)?
            .skill
            .load_one(self.0.skill_id.clone())
            .await?
            .map(Skill))
    }
    /// 1 (awareness) to 5 (expert).
    async fn level(&self) -> i32 {
        self.0.level.get().into()
    }
    async fn source(&self) -> SkillSource {
        self.0.source.into()
    }
    async fn last_used(&self) -> Option<NaiveDate> {
        self.0.last_used
    }
    async fn endorsements(&self, ctx: &Context<'_>) -> ApiResult<Vec<Endorsement>> {
        let all = loaders(ctx)?
            .endorsements_of_person
            .load_one(self.0.person_id.clone())
            .await?;
        Ok(all
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.skill_id == self.0.skill_id)
            .map(Endorsement)
            .collect())
    }
}

#[derive(Clone)]
pub struct Endorsement(pub domain::Endorsement);

/// A colleague vouching for a skill.
#[Object]
impl Endorsement {
    async fn endorser(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, Some(&self.0.endorser_id)).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

#[derive(Clone)]
pub struct Community(pub domain::Community);

/// A community of practice.
#[Object]
impl Community {
    pub async fn id(&self) -> ID {
        encode(Kind::Community, &self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    async fn visibility(&self) -> Visibility {
        self.0.visibility.into()
    }
    async fn skills(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        let l = loaders(ctx)?;
        let ids = l
            .skills_of_community
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        load_many(&l.skill, ids, Skill).await
    }
    /// Members the caller may see: people who left or opted out of search are
    /// listed only for themselves, HR and admins (`memberCount` counts everyone).
    async fn members(&self, ctx: &Context<'_>) -> ApiResult<Vec<Membership>> {
        let l = loaders(ctx)?;
        let m = l
            .members_of_community
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        let people = l
            .person
            .load_many(m.iter().map(|m| m.person_id.clone()))
            .await?;
        Ok(m.into_iter()
            .filter(|m| {
                people
                    .get(&m.person_id)
                    .is_some_and(|p| super::authz::listed(ctx, p))
            })
            .map(Membership)
            .collect())
    }
    async fn status(&self) -> super::enums::CommunityStatus {
        self.0.status.into()
    }
    /// Who proposed it.
    async fn proposed_by(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, self.0.proposed_by.as_ref()).await
    }
    async fn member_count(&self, ctx: &Context<'_>) -> ApiResult<i32> {
        let m = loaders(ctx)?
            .members_of_community
            .load_one(self.0.id.clone())
            .await?;
        Ok(m.map_or(0, |m| m.len() as i32))
    }
    /// Requests to join waiting for a decision; null unless you lead it.
    async fn pending_requests(
        &self,
        ctx: &Context<'_>,
    ) -> ApiResult<Option<Vec<super::community_care::JoinRequest>>> {
        if !super::community_care::leads(ctx, &self.0.id) {
            return Ok(None);
        }
        let store = &super::State::of(ctx)?.store;
        let found = store
            .pending_requests(std::slice::from_ref(&self.0.id))
            .await?;
        Ok(Some(
            found
                .into_iter()
                .map(super::community_care::JoinRequest)
                .collect(),
        ))
    }
    /// Invitations sent and not yet answered, oldest first; null unless you
    /// lead it.
    async fn pending_invitations(
        &self,
        ctx: &Context<'_>,
    ) -> ApiResult<Option<Vec<super::community_care::JoinRequest>>> {
        if !super::community_care::leads(ctx, &self.0.id) {
            return Ok(None);
        }
        let store = &super::State::of(ctx)?.store;
        let found = store
            .pending_invitations(std::slice::from_ref(&self.0.id))
            .await?;
        Ok(Some(
            found
                .into_iter()
                .map(super::community_care::JoinRequest)
                .collect(),
        ))
    }
    /// How many requests wait; null unless you lead it.
    async fn pending_request_count(&self, ctx: &Context<'_>) -> ApiResult<Option<i32>> {
        if !super::community_care::leads(ctx, &self.0.id) {
            return Ok(None);
        }
        let store = &super::State::of(ctx)?.store;
        let n = store
            .pending_counts(std::slice::from_ref(&self.0.id))
            .await?;
        Ok(Some(n.first().map_or(0, |(_, n)| *n as i32)))
    }
    /// Your own pending request to join, if any.
    async fn my_request(
        &self,
        ctx: &Context<'_>,
    ) -> ApiResult<Option<super::community_care::JoinRequest>> {
        let Some(me) = super::authz::principal(ctx)?.person_id.clone() else {
            return Ok(None);
        };
        let store = &super::State::of(ctx)?.store;
        let found = store
            .pending_requests(std::slice::from_ref(&self.0.id))
            .await?;
        Ok(found
            .into_iter()
            .find(|r| r.person_id == me)
            .map(super::community_care::JoinRequest))
    }
    /// People the ranking finds for its skills and description who are not
    /// members, with the reasons; null unless you lead it.
    async fn suggested_members(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: i32,
    ) -> ApiResult<Option<Vec<super::experts::Expert>>> {
        if !super::community_care::leads(ctx, &self.0.id) {
            return Ok(None);
        }
        super::community_care::suggested_members(ctx, &self.0, first)
            .await
            .map(Some)
    }
    /// Members by office and country, uncovered skills, leavers, joins over
    /// time, pending requests; null unless you lead it.
    async fn health(
        &self,
        ctx: &Context<'_>,
    ) -> ApiResult<Option<super::community_care::CommunityHealth>> {
        if !super::community_care::leads(ctx, &self.0.id) {
            return Ok(None);
        }
        super::community_care::health(ctx, &self.0.id)
            .await
            .map(Some)
    }
}

#[derive(Clone)]
pub struct Membership(pub domain::Membership);

/// A person's place in a community.
#[Object]
impl Membership {
    async fn community(&self, ctx: &Context<'_>) -> ApiResult<Option<Community>> {
        community_by_id(ctx, &self.0.community_id).await
    }
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, Some(&self.0.person_id)).await
    }
    async fn role(&self) -> CommunityRole {
        self.0.role.into()
    }
    async fn joined_at(&self) -> DateTime<Utc> {
        self.0.joined_at
    }
}

#[derive(Clone)]
pub struct Evidence(pub domain::Evidence);

/// Something people wrote that shows what they know.
#[Object]
impl Evidence {
    pub async fn id(&self) -> ID {
        encode(Kind::Evidence, &self.0.id)
    }
    async fn external_id(&self) -> &str {
        &self.0.id
    }
    /// `document`, `answer`, `question`, `report`, ...
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    async fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }
    async fn text(&self) -> &str {
        &self.0.text
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn authors(&self, ctx: &Context<'_>) -> ApiResult<Vec<Person>> {
        let l = loaders(ctx)?;
        let ids = l
            .authors_of_evidence
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        let found = l.person.load_many(ids.iter().cloned()).await?;
        // Authors who left or opted out are named only to themselves, HR and admins.
        Ok(ids
            .iter()
            .filter_map(|id| found.get(id))
            .filter(|p| super::authz::listed(ctx, p))
            .cloned()
            .map(Person)
            .collect())
    }
    async fn tags(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        let l = loaders(ctx)?;
        let ids = l
            .tags_of_evidence
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        load_many(&l.skill, ids, Skill).await
    }
}
