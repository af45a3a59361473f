//! What community leads look after: join requests and their inbox, members
//! the ranking suggests, and the community's health. Fields here are null for
//! anyone who does not lead the community (admins see all).

use std::collections::{BTreeMap, HashMap, HashSet};

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::auth::Resource;
use crate::domain::{self, PersonStatus};
use crate::error::{ApiError, ApiResult};
use crate::rank;
use crate::store::HOLDER_LEVEL;

use super::State;
use super::authz::{may, principal};
use super::enums::{CommunityRole, RequestKind, RequestStatus};
use super::experts::{Expert, MAX_EXPERTS, MAX_QUERY_CHARS, rank_people};
use super::types::{Community, Person, Skill, community_by_id, loaders, person_by_id};

/// Whether the caller leads `community` (or is an admin).
pub fn leads(ctx: &Context<'_>, community: &str) -> bool {
    may(ctx, "community.curate", Resource::Community(community))
}

/// A request to join a closed community, or an invitation to join one.
pub struct JoinRequest(pub domain::JoinRequest);

#[Object]
impl JoinRequest {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn community(&self, ctx: &Context<'_>) -> ApiResult<Option<Community>> {
        community_by_id(ctx, &self.0.community_id).await
    }
    /// Who would join: the person asking (shown to the leads they asked even
    /// when they opted out of search), or the person invited (shown as
    /// anywhere else: not when they left or opted out, except to themselves).
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        if self.0.kind == domain::RequestKind::Invitation {
            return person_by_id(ctx, Some(&self.0.person_id)).await;
        }
        Ok(loaders(ctx)?
            .person
            .load_one(self.0.person_id.clone())
            .await?
            .map(Person))
    }
    async fn kind(&self) -> RequestKind {
        self.0.kind.into()
    }
    /// The role they take on joining.
    async fn role(&self) -> CommunityRole {
        self.0.role.into()
    }
    /// Who sent the invitation; null for a request to join.
    async fn invited_by(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, self.0.invited_by.as_ref()).await
    }
    /// What the person wrote when asking, or the lead when inviting.
    async fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }
    async fn status(&self) -> RequestStatus {
        self.0.status.into()
    }
    /// The reason given when declining.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn decided_at(&self) -> Option<DateTime<Utc>> {
        self.0.decided_at
    }
}

/// A count under a label: an office, a country, a month.
#[derive(SimpleObject, Clone)]
pub struct LabelledCount {
    pub label: String,
    pub count: i32,
}

/// A member who is leaving, and which of the community's topics only they hold.
pub struct LeavingMember {
    person: domain::Person,
    topics: Vec<String>,
    uncovered: Vec<String>,
}

#[Object]
impl LeavingMember {
    async fn person(&self) -> Person {
        Person(self.person.clone())
    }
    /// The community's skills they hold (level 3+).
    async fn topics(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        skills(ctx, &self.topics).await
    }
    /// Of those, the ones no active member will hold once they have gone.
    async fn uncovered_topics(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        skills(ctx, &self.uncovered).await
    }
}

async fn skills(ctx: &Context<'_>, ids: &[String]) -> ApiResult<Vec<Skill>> {
    let found = loaders(ctx)?.skill.load_many(ids.iter().cloned()).await?;
    Ok(ids
        .iter()
        .filter_map(|id| found.get(id).cloned().map(Skill))
        .collect())
}

/// How a community is doing, for its leads.
pub struct CommunityHealth {
    members: i32,
    active: i32,
    by_office: Vec<LabelledCount>,
    by_country: Vec<LabelledCount>,
    uncovered: Vec<String>,
    leaving: Vec<LeavingMember>,
    joins: Vec<LabelledCount>,
    pending: i32,
}

#[Object]
impl CommunityHealth {
    async fn member_count(&self) -> i32 {
        self.members
    }
    /// Members who are neither leaving nor gone.
    async fn active_member_count(&self) -> i32 {
        self.active
    }
    /// Members per office, largest first.
    async fn members_by_office(&self) -> &[LabelledCount] {
        &self.by_office
    }
    async fn members_by_country(&self) -> &[LabelledCount] {
        &self.by_country
    }
    /// The community's skills that no active member holds at level 3 or above.
    async fn uncovered_skills(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        skills(ctx, &self.uncovered).await
    }
    /// Members who are leaving, by name, with the topics they take with
    /// them (their dates, and so their order, stay private to them and HR).
    async fn leaving_members(&self) -> &[LeavingMember] {
        &self.leaving
    }
    /// Members who joined each month (`YYYY-MM`), oldest first.
    async fn joins_by_month(&self) -> &[LabelledCount] {
        &self.joins
    }
    async fn pending_requests(&self) -> i32 {
        self.pending
    }
}

fn counted(map: BTreeMap<String, i32>) -> Vec<LabelledCount> {
    let mut v: Vec<LabelledCount> = map
        .into_iter()
        .map(|(label, count)| LabelledCount { label, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    v
}

/// The health figures of one community, from its members, their skills and requests.
pub async fn health(ctx: &Context<'_>, community: &str) -> ApiResult<CommunityHealth> {
    let store = &State::of(ctx)?.store;
    let ids = [community.to_string()];
    let members = store.members_of_communities(&ids).await?;
    let person_ids: Vec<String> = members.iter().map(|m| m.person_id.clone()).collect();
    let people = store.people_by_ids(&person_ids).await?;
    let offices: HashMap<String, String> = store
        .offices()
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let topics: Vec<String> = store
        .skills_of_communities(&ids)
        .await?
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let held: Vec<domain::PersonSkill> = store
        .skills_of_people(&person_ids)
        .await?
        .into_iter()
        .filter(|s| i64::from(s.level.get()) >= HOLDER_LEVEL && topics.contains(&s.skill_id))
        .collect();
    let status: HashMap<&str, PersonStatus> =
        people.iter().map(|p| (p.id.as_str(), p.status)).collect();
    let active_holders: HashSet<&str> = held
        .iter()
        .filter(|s| status.get(s.person_id.as_str()) == Some(&PersonStatus::Active))
        .map(|s| s.skill_id.as_str())
        .collect();
    let mut by_office = BTreeMap::new();
    let mut by_country = BTreeMap::new();
    for p in people.iter().filter(|p| p.status != PersonStatus::Left) {
        let office = p
            .office_id
            .as_ref()
            .and_then(|o| offices.get(o).cloned())
            .unwrap_or_else(|| "No office".into());
        *by_office.entry(office).or_insert(0) += 1;
        let country = p.country.clone().unwrap_or_else(|| "Unknown".into());
        *by_country.entry(country).or_insert(0) += 1;
    }
    // Only members the reader may see are named (the counts include everyone).
    let mut leaving: Vec<LeavingMember> = people
        .iter()
        .filter(|p| p.status == PersonStatus::Leaving && super::authz::listed(ctx, p))
        .map(|p| {
            let mine: Vec<String> = held
                .iter()
                .filter(|s| s.person_id == p.id)
                .map(|s| s.skill_id.clone())
                .collect();
            let uncovered = mine
                .iter()
                .filter(|s| !active_holders.contains(s.as_str()))
                .cloned()
                .collect();
            LeavingMember {
                person: p.clone(),
                topics: mine,
                uncovered,
            }
        })
        .collect();
    // By name: an order by date would tell anyone who can read the list the
    // order of colleagues' leaving dates, which only they and HR may see.
    leaving.sort_by(|a, b| (&a.person.name, &a.person.id).cmp(&(&b.person.name, &b.person.id)));
    let mut joins = BTreeMap::new();
    for m in &members {
        *joins
            .entry(m.joined_at.format("%Y-%m").to_string())
            .or_insert(0) += 1;
    }
    let pending = store
        .pending_counts(&ids)
        .await?
        .first()
        .map_or(0, |(_, n)| *n as i32);
    Ok(CommunityHealth {
        members: members.len() as i32,
        active: people
            .iter()
            .filter(|p| p.status == PersonStatus::Active)
            .count() as i32,
        by_office: counted(by_office),
        by_country: counted(by_country),
        uncovered: topics
            .iter()
            .filter(|s| !active_holders.contains(s.as_str()))
            .cloned()
            .collect(),
        leaving,
        joins: joins
            .into_iter()
            .map(|(label, count)| LabelledCount { label, count })
            .collect(),
        pending,
    })
}

/// People the ranking finds for the community's name, description and
/// skills who are not members yet, with the reasons.
pub async fn suggested_members(
    ctx: &Context<'_>,
    community: &domain::Community,
    first: i32,
) -> ApiResult<Vec<Expert>> {
    if !(1..=MAX_EXPERTS).contains(&first) {
        return Err(ApiError::bad_input(format!(
            "first must be between 1 and {MAX_EXPERTS}"
        )));
    }
    let store = &State::of(ctx)?.store;
    let ids = [community.id.clone()];
    let members: HashSet<String> = store
        .members_of_communities(&ids)
        .await?
        .into_iter()
        .map(|m| m.person_id)
        .collect();
    let skill_ids: Vec<String> = store
        .skills_of_communities(&ids)
        .await?
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let mut text = store
        .skills_by_ids(&skill_ids)
        .await?
        .into_iter()
        .map(|s| s.name)
        .collect::<Vec<_>>()
        .join(", ");
    for part in std::iter::once(community.name.as_str()).chain(community.description.as_deref()) {
        text.push_str("; ");
        text.push_str(part);
    }
    let text: String = text.chars().take(MAX_QUERY_CHARS).collect();
    let first = first as usize;
    let me = principal(ctx)?.person_id.clone();
    // A few more than asked, so people who are leaving can be left out.
    let wanted = first + 10;
    let found = rank_people(
        ctx,
        &text,
        me,
        rank::ExpertFilter::default(),
        (wanted, wanted + members.len()),
        |p| !members.contains(p),
    )
    .await?
    .experts;
    let people = loaders(ctx)?
        .person
        .load_many(found.iter().map(|e| e.person_id.clone()))
        .await?;
    Ok(found
        .into_iter()
        .filter(|e| {
            people
                .get(&e.person_id)
                .is_some_and(|p| p.status == PersonStatus::Active)
        })
        .take(first)
        .collect())
}

/// The requests waiting for the caller: in the communities they lead, or
/// everywhere for an admin.
pub async fn inbox(ctx: &Context<'_>) -> ApiResult<Vec<JoinRequest>> {
    let store = &State::of(ctx)?.store;
    let p = principal(ctx)?;
    let found = if p.has(domain::Role::Admin) {
        store.all_pending_requests(200).await?
    } else {
        store.pending_requests(&p.leads).await?
    };
    Ok(found.into_iter().map(JoinRequest).collect())
}

#[derive(Default)]
pub struct CommunityInboxQuery;

#[Object]
impl CommunityInboxQuery {
    /// Requests to join waiting for you: in the communities you lead (all of
    /// them for admins), oldest first.
    async fn community_inbox(&self, ctx: &Context<'_>) -> ApiResult<Vec<JoinRequest>> {
        inbox(ctx).await
    }
    /// Invitations to join communities waiting for your answer, oldest first.
    async fn my_invitations(&self, ctx: &Context<'_>) -> ApiResult<Vec<JoinRequest>> {
        let Some(me) = principal(ctx)?.person_id.as_deref() else {
            return Ok(vec![]);
        };
        let found = State::of(ctx)?.store.invitations_for(me).await?;
        Ok(found.into_iter().map(JoinRequest).collect())
    }
}
