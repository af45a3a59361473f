//! What community leads look after: join requests and their inbox, members
//! the ranking suggests, and the community's health. Fields here are null for
//! anyone who does not lead the community (admins see all).

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::auth::{Action, Resource};
use crate::communities;
use crate::domain;
use crate::error::ApiResult;
use crate::rank;

use super::State;
use super::authz::{may, principal};
use super::enums::{CommunityRole, RequestKind, RequestStatus};
use super::experts::{Expert, MAX_EXPERTS, MAX_QUERY_CHARS, keep_people, rank_people};
use super::types::{Community, Person, Skill, community_by_id, load_many, loaders, person_by_id};

/// Whether the caller leads `community` (or is an admin).
pub fn leads(ctx: &Context<'_>, community: &str) -> bool {
    may(ctx, Action::CommunityCurate, Resource::Community(community))
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

/// One month of a community's activity.
#[derive(SimpleObject, Clone)]
pub struct MonthActivity {
    /// `YYYY-MM`.
    pub month: String,
    /// Documents, reports and other writing by members (not answers or
    /// questions), each counted once however many members wrote it.
    pub documents: i32,
    /// Answers written by members.
    pub answers: i32,
    /// Members who joined that month (and are members still).
    pub joins: i32,
}

/// A member who is leaving, and which of the community's topics only they hold.
pub struct LeavingMember(communities::health::LeavingMember);

#[Object]
impl LeavingMember {
    async fn person(&self) -> Person {
        Person(self.0.person.clone())
    }
    /// The community's skills they hold (level 3+).
    async fn topics(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        skills(ctx, &self.0.topics).await
    }
    /// Of those, the ones no active member will hold once they have gone,
    /// and nobody was named to inherit.
    async fn uncovered_topics(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        skills(ctx, &self.0.uncovered).await
    }
    /// Who they named, in their finished interview, to take on each topic.
    async fn inherited(&self, ctx: &Context<'_>) -> ApiResult<Vec<Inheritance>> {
        let l = loaders(ctx)?;
        let skill_ids = self.0.inherited.iter().map(|(s, _)| s.clone());
        let person_ids = self.0.inherited.iter().map(|(_, p)| p.clone());
        let found_skills = l.skill.load_many(skill_ids).await?;
        let found_people = l.person.load_many(person_ids).await?;
        Ok(self
            .0
            .inherited
            .iter()
            .filter_map(|(s, p)| {
                let person = found_people
                    .get(p)
                    .filter(|x| super::authz::listed(ctx, x))?;
                Some(Inheritance {
                    skill: Skill(found_skills.get(s)?.clone()),
                    person: Person(person.clone()),
                })
            })
            .collect())
    }
}

/// A leaver's topic and who takes it on.
#[derive(SimpleObject)]
pub struct Inheritance {
    pub skill: Skill,
    pub person: Person,
}

async fn skills(ctx: &Context<'_>, ids: &[String]) -> ApiResult<Vec<Skill>> {
    load_many(&loaders(ctx)?.skill, ids.to_vec(), Skill).await
}

fn labelled(counts: &[(String, usize)]) -> Vec<LabelledCount> {
    counts
        .iter()
        .map(|(label, count)| LabelledCount {
            label: label.clone(),
            count: *count as i32,
        })
        .collect()
}

/// How a community is doing, for its leads.
pub struct CommunityHealth(communities::health::Health);

#[Object]
impl CommunityHealth {
    async fn member_count(&self) -> i32 {
        self.0.members as i32
    }
    /// Members who are neither leaving nor gone.
    async fn active_member_count(&self) -> i32 {
        self.0.active as i32
    }
    /// Members per office, largest first.
    async fn members_by_office(&self) -> Vec<LabelledCount> {
        labelled(&self.0.by_office)
    }
    async fn members_by_country(&self) -> Vec<LabelledCount> {
        labelled(&self.0.by_country)
    }
    /// The community's skills that no active member holds at level 3 or above.
    async fn uncovered_skills(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        skills(ctx, &self.0.uncovered).await
    }
    /// Members who are leaving, by name, with the topics they take with
    /// them (their dates, and so their order, stay private to them and HR).
    async fn leaving_members(&self) -> Vec<LeavingMember> {
        self.0.leaving.iter().cloned().map(LeavingMember).collect()
    }
    /// Members who joined each month (`YYYY-MM`), oldest first.
    async fn joins_by_month(&self) -> Vec<LabelledCount> {
        labelled(&self.0.joins)
    }
    /// The last 12 months (UTC), oldest first and the current one last,
    /// every month listed even when nothing happened: what the community's
    /// current members wrote, and who joined.
    async fn activity_by_month(&self) -> Vec<MonthActivity> {
        self.0
            .activity
            .iter()
            .map(|m| MonthActivity {
                month: m.month.clone(),
                documents: m.documents as i32,
                answers: m.answers as i32,
                joins: m.joins as i32,
            })
            .collect()
    }
    async fn pending_requests(&self) -> i32 {
        self.0.pending as i32
    }
}

/// The health figures of one community, naming only members the caller may see.
pub async fn health(ctx: &Context<'_>, community: &str) -> ApiResult<CommunityHealth> {
    let state = State::of(ctx)?;
    let reveal = may(ctx, Action::InterviewReveal, Resource::Any);
    let health = communities::health::health(
        state.store.as_ref(),
        community,
        |p| super::authz::listed(ctx, p),
        reveal,
        state.harvest.clock.now(),
    )
    .await?;
    Ok(CommunityHealth(health))
}

/// People the ranking finds for the community's name, description and
/// skills who are not members yet, with the reasons.
pub async fn suggested_members(
    ctx: &Context<'_>,
    community: &domain::Community,
    first: i32,
) -> ApiResult<Vec<Expert>> {
    let first = super::query::size_within(first, MAX_EXPERTS)?;
    let store = State::of(ctx)?.store.as_ref();
    let search = communities::suggestions::search_for(store, community, MAX_QUERY_CHARS).await?;
    let members = &search.members;
    let me = principal(ctx)?.person_id.clone();
    // A few more than asked, so people who are leaving can be left out.
    let wanted = first + 10;
    let found = rank_people(
        ctx,
        &search.text,
        me,
        rank::ExpertFilter::default(),
        (wanted, wanted + members.len()),
        |p| !members.contains(p),
    )
    .await?
    .experts;
    keep_people(ctx, found, communities::suggestions::suggestible, first).await
}

/// The requests waiting for the caller: in the communities they lead, or
/// everywhere for an admin.
pub async fn inbox(ctx: &Context<'_>) -> ApiResult<Vec<JoinRequest>> {
    let store = State::of(ctx)?.store.as_ref();
    let found = communities::membership::inbox(store, principal(ctx)?).await?;
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
        let store = State::of(ctx)?.store.as_ref();
        let found = communities::membership::invitations(store, principal(ctx)?).await?;
        Ok(found.into_iter().map(JoinRequest).collect())
    }
}
