//! Harvest interviews through GraphQL: the record, its transcript (HR and
//! the leaver only, every read audited), retention, disposal certificates,
//! and HR's question sets.
//!
//! Who may see an interview at all: HR and admins; the leaver while they are
//! still with the organisation; everyone once its summary is published.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use crate::auth::{Action, Resource};
use crate::domain::{self, AuditEvent, PersonStatus};
use crate::error::{ApiError, ApiResult};
use crate::harvest;
use crate::store::InterviewFilter as StoreFilter;

use super::State;
use super::authz::{check, may, principal};
use super::enums::{InterviewStatus, QuestionOrigin, RecordPart};
use super::ids::external;
use super::ids::{Kind, encode};
use super::names::{name_of, name_of_opt};
use super::query::{page_request, page_size};
use super::records::DisposalRequest;
use super::types::{List, Person, Skill, connection, loaders, person_by_id, skill_by_id};

/// How much of an interview the reader may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    /// The published summary, topics and successors.
    Public,
    /// Also the transcript and the summary draft: the leaver, while still here.
    Leaver,
    /// Everything: HR and admins.
    Hr,
}

fn published(i: &domain::Interview) -> bool {
    i.published_at.is_some() && i.summary.is_some()
}

/// What the caller may see of `i`, or `None` for nothing (it is then "not found").
pub async fn access(ctx: &Context<'_>, i: &domain::Interview) -> ApiResult<Option<Access>> {
    if may(ctx, Action::InterviewManage, Resource::Any) {
        return Ok(Some(Access::Hr));
    }
    let p = principal(ctx)?;
    if let Some(leaver) = &i.person_id
        && p.is(leaver)
    {
        let person = loaders(ctx)?.person.load_one(leaver.clone()).await?;
        if person.is_some_and(|l| l.status != PersonStatus::Left) {
            return Ok(Some(Access::Leaver));
        }
    }
    Ok(published(i).then_some(Access::Public))
}

/// The interview with this id, if the caller may see it.
pub async fn visible_interview(ctx: &Context<'_>, id: &str) -> ApiResult<Interview> {
    let store = &State::of(ctx)?.store;
    let found = store.interviews_by_ids(&[id.to_string()]).await?;
    let not_found = || ApiError::NotFound(format!("interview '{id}'"));
    let i = found.into_iter().next().ok_or_else(not_found)?;
    let access = access(ctx, &i).await?.ok_or_else(not_found)?;
    Ok(Interview { i, access })
}

/// A knowledge-harvest interview with a leaver.
pub struct Interview {
    pub i: domain::Interview,
    pub access: Access,
}

#[Object]
impl Interview {
    pub async fn id(&self) -> ID {
        encode(Kind::Interview, &self.i.id)
    }
    async fn external_id(&self) -> &str {
        &self.i.id
    }
    /// The leaver; null once they were erased (the record is kept).
    async fn leaver(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, self.i.person_id.as_ref()).await
    }
    /// The leaver's name as it was when the interview was scheduled.
    async fn leaver_name(&self) -> &str {
        &self.i.person_name
    }
    async fn interviewer(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, self.i.interviewer_id.as_ref()).await
    }
    async fn status(&self) -> InterviewStatus {
        self.i.status.into()
    }
    async fn scheduled_for(&self) -> DateTime<Utc> {
        self.i.scheduled_for
    }
    async fn started_at(&self) -> Option<DateTime<Utc>> {
        self.i.started_at
    }
    async fn completed_at(&self) -> Option<DateTime<Utc>> {
        self.i.completed_at
    }
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.i.published_at
    }
    /// Whether the leaver agreed to a summary being published.
    async fn consent(&self) -> bool {
        self.i.consent
    }
    async fn consent_at(&self) -> Option<DateTime<Utc>> {
        self.i.consent_at
    }
    /// The summary: once published, for everyone; before that (a draft) for
    /// HR and the leaver only.
    async fn summary(&self) -> Option<&str> {
        if self.access > Access::Public || self.i.published_at.is_some() {
            self.i.summary.as_deref()
        } else {
            None
        }
    }
    /// The skills the interview covers.
    async fn topics(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        let l = loaders(ctx)?;
        let ids = l
            .topics_of_interview
            .load_one(self.i.id.clone())
            .await?
            .unwrap_or_default();
        let found = l.skill.load_many(ids.iter().cloned()).await?;
        Ok(ids
            .iter()
            .filter_map(|id| found.get(id).cloned().map(Skill))
            .collect())
    }
    /// Who the leaver named to ask about each topic now.
    async fn successors(&self, ctx: &Context<'_>) -> ApiResult<Vec<NamedSuccessor>> {
        let found = loaders(ctx)?
            .successors_of_interview
            .load_one(self.i.id.clone())
            .await?;
        Ok(found
            .unwrap_or_default()
            .into_iter()
            .map(|s| NamedSuccessor(s, self.access))
            .collect())
    }
    /// People Tacit's own ranking finds for `skill` who could take it on,
    /// best first, with the reasons (leavers show as leaving): never the
    /// leaver, anyone who has left, or someone already named for it. HR only.
    async fn successor_candidates(
        &self,
        ctx: &Context<'_>,
        skill: ID,
        #[graphql(default = 5)] first: i32,
    ) -> ApiResult<Vec<super::experts::Expert>> {
        if self.access < Access::Hr {
            return Err(ApiError::Forbidden);
        }
        let first = super::query::size_within(first, 20)?;
        let skill: crate::domain::SkillId = super::ids::arg(&skill)?;
        let l = loaders(ctx)?;
        let Some(topic) = l.skill.load_one(skill.to_string()).await? else {
            return Err(ApiError::NotFound(format!("skill '{skill}'")));
        };
        let named = l
            .successors_of_interview
            .load_one(self.i.id.clone())
            .await?
            .unwrap_or_default();
        let leaver = self.i.person_id.clone();
        let wanted = first + 10;
        let found = super::experts::rank_people(
            ctx,
            &topic.name,
            None,
            crate::rank::ExpertFilter::default(),
            (wanted, wanted + 10),
            |p| Some(p) != leaver.as_deref(),
        )
        .await?
        .experts;
        let candidate = |p: &crate::domain::Person| {
            crate::harvest::interviews::successor_candidate(&self.i, &named, &topic.id, p)
        };
        super::experts::keep_people(ctx, found, candidate, first).await
    }
    /// Questions, answers, notes and outside contacts: HR, and the leaver
    /// while still with the organisation. Every read is written to the audit log.
    async fn transcript(&self, ctx: &Context<'_>) -> ApiResult<Transcript> {
        let leaver = self.i.person_id.as_deref().unwrap_or("");
        check(ctx, Action::InterviewTranscript, Resource::Person(leaver)).await?;
        if self.access < Access::Leaver {
            return Err(ApiError::Forbidden);
        }
        let state = State::of(ctx)?;
        let event = AuditEvent::new(
            principal(ctx)?.actor(),
            "interview.transcript.read",
            Some(format!("interview:{}", self.i.id)),
        );
        state.store.audit(&event).await?;
        let questions = loaders(ctx)?
            .questions_of_interview
            .load_one(self.i.id.clone())
            .await?;
        Ok(Transcript {
            questions: questions
                .unwrap_or_default()
                .into_iter()
                .map(Question)
                .collect(),
            notes: self.i.notes.clone(),
            outside_contacts: self.i.outside_contacts.clone(),
        })
    }
    /// How long the record is kept, and whether it is on hold. HR.
    async fn retention(&self, ctx: &Context<'_>) -> ApiResult<RecordRetention> {
        let rules = State::of(ctx)?.harvest.retention;
        let schedule = rules.schedule(&self.i);
        let due =
            |part: domain::RecordPart| schedule.iter().find(|d| d.part == part).map(|d| d.due_on);
        Ok(RecordRetention {
            retention_days: self.i.retention_days.map(i64::from),
            default_days: i64::from(rules.transcript_days),
            summary_days: i64::from(rules.summary_days),
            transcript_due_on: due(domain::RecordPart::Transcript),
            summary_due_on: due(domain::RecordPart::Summary),
            hold: self.i.hold,
            hold_reason: self.i.hold_reason.clone(),
            hold_by: self.i.hold_by.clone(),
            hold_by_name: name_of_opt(ctx, self.i.hold_by.as_deref()).await?,
            hold_at: self.i.hold_at,
            disposed_at: self.i.disposed_at,
            summary_disposed_at: self.i.summary_disposed_at,
        })
    }
    /// Requests to destroy this record early, newest first. HR. (One
    /// statement per record: meant for one record's page, and priced by
    /// `first` in lists.)
    async fn disposal_requests(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: i32,
    ) -> ApiResult<Vec<DisposalRequest>> {
        let first = page_size(first)?;
        let found = State::of(ctx)?
            .store
            .disposal_requests(None, Some(std::slice::from_ref(&self.i.id)), first)
            .await?;
        Ok(found.into_iter().map(DisposalRequest).collect())
    }
    /// Certificates of what was disposed of. HR.
    async fn certificates(&self, ctx: &Context<'_>) -> ApiResult<Vec<DisposalCertificate>> {
        let found = loaders(ctx)?
            .certificates_of_interview
            .load_one(self.i.id.clone())
            .await?;
        Ok(found
            .unwrap_or_default()
            .into_iter()
            .map(DisposalCertificate)
            .collect())
    }
}

/// "Ask this person about this topic now."
pub struct NamedSuccessor(domain::Successor, Access);

#[Object]
impl NamedSuccessor {
    async fn skill(&self, ctx: &Context<'_>) -> ApiResult<Option<Skill>> {
        skill_by_id(ctx, &self.0.skill_id).await
    }
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, Some(&self.0.person_id)).await
    }
    /// The leaver's words about it: part of the transcript, so HR and the leaver only.
    async fn note(&self) -> Option<&str> {
        (self.1 > Access::Public)
            .then_some(self.0.note.as_deref())
            .flatten()
    }
}

#[derive(SimpleObject)]
pub struct Transcript {
    pub questions: Vec<Question>,
    pub notes: Option<String>,
    pub outside_contacts: Option<String>,
}

pub struct Question(pub domain::Question);

#[Object]
impl Question {
    /// Its place in the interview, from 1; answers refer to it.
    async fn position(&self) -> i32 {
        i32::try_from(self.0.position).unwrap_or(i32::MAX)
    }
    async fn text(&self) -> &str {
        &self.0.text
    }
    async fn origin(&self) -> QuestionOrigin {
        self.0.origin.into()
    }
    /// The skill a generated question is about.
    async fn skill(&self, ctx: &Context<'_>) -> ApiResult<Option<Skill>> {
        match &self.0.skill_id {
            Some(id) => skill_by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    async fn answer(&self) -> Option<&str> {
        self.0.answer.as_deref()
    }
}

#[derive(SimpleObject)]
pub struct RecordRetention {
    /// This record's own period in days from completion; null for the default.
    pub retention_days: Option<i64>,
    pub default_days: i64,
    /// Days from publication a published summary is kept.
    pub summary_days: i64,
    /// When the transcript falls due (null until completion, and after disposal).
    pub transcript_due_on: Option<NaiveDate>,
    pub summary_due_on: Option<NaiveDate>,
    /// A hold (litigation, inquiry, request) blocks disposal.
    pub hold: bool,
    pub hold_reason: Option<String>,
    /// Who placed the hold, as the audit log names actors, and their name.
    pub hold_by: Option<String>,
    pub hold_by_name: Option<String>,
    pub hold_at: Option<DateTime<Utc>>,
    pub disposed_at: Option<DateTime<Utc>>,
    pub summary_disposed_at: Option<DateTime<Utc>>,
}

/// Proof that part of an interview record was destroyed under its rule.
pub struct DisposalCertificate(pub domain::DisposalCertificate);

#[Object]
impl DisposalCertificate {
    async fn id(&self) -> &str {
        &self.0.id
    }
    async fn interview_id(&self) -> ID {
        encode(Kind::Interview, &self.0.interview_id)
    }
    /// Whose interview it was (the name kept on the record).
    async fn leaver_name(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let found = loaders(ctx)?
            .interview
            .load_one(self.0.interview_id.clone())
            .await?;
        Ok(found.map(|i| i.person_name))
    }
    async fn part(&self) -> RecordPart {
        self.0.part.into()
    }
    async fn rule(&self) -> &str {
        &self.0.rule
    }
    async fn due_on(&self) -> NaiveDate {
        self.0.due_on
    }
    /// Who disposed of it (`person:…`, `token:…`, `cli:…`).
    async fn authorised_by(&self) -> &str {
        &self.0.authorised_by
    }
    /// Their name ("Erased person" after an erasure; the id stays).
    async fn authorised_by_name(&self, ctx: &Context<'_>) -> ApiResult<String> {
        name_of(ctx, &self.0.authorised_by).await
    }
    /// Who asked for the early disposal (or the shorter period) that made
    /// it due, when a second person approved one.
    async fn requested_by(&self) -> Option<&str> {
        self.0.requested_by.as_deref()
    }
    async fn requested_by_name(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        name_of_opt(ctx, self.0.requested_by.as_deref()).await
    }
    /// The second person, who approved it.
    async fn approved_by(&self) -> Option<&str> {
        self.0.approved_by.as_deref()
    }
    async fn approved_by_name(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        name_of_opt(ctx, self.0.approved_by.as_deref()).await
    }
    async fn disposed_at(&self) -> DateTime<Utc> {
        self.0.disposed_at
    }
    /// What was destroyed, e.g. "answers (6)", "interview notes".
    async fn destroyed(&self) -> &[String] {
        &self.0.destroyed
    }
    /// The audit-log entry written with it.
    async fn audit_seq(&self) -> i64 {
        self.0.audit_seq
    }
    /// No hold was on the record when it was disposed of (disposal refuses held records).
    async fn hold(&self) -> bool {
        false
    }
}

/// A record with parts due for disposal.
pub struct DueDisposal(harvest::DueRecord);

#[Object]
impl DueDisposal {
    async fn interview(&self) -> Interview {
        Interview {
            i: self.0.interview.clone(),
            access: Access::Hr,
        }
    }
    async fn parts(&self) -> Vec<RecordPart> {
        self.0.due.iter().map(|d| d.part.into()).collect()
    }
    async fn due_on(&self) -> Option<NaiveDate> {
        self.0.due.iter().map(|d| d.due_on).min()
    }
    async fn rules(&self) -> Vec<String> {
        self.0.due.iter().map(|d| d.rule.clone()).collect()
    }
    /// Held records are listed but never disposed of.
    async fn on_hold(&self) -> bool {
        self.0.interview.hold
    }
}

pub struct QuestionSet(pub domain::QuestionSet);

#[Object]
impl QuestionSet {
    async fn id(&self) -> ID {
        encode(Kind::QuestionSet, &self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn questions(&self) -> &[String] {
        &self.0.questions
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

#[derive(InputObject, Default)]
pub struct InterviewFilter {
    pub status: Option<Vec<InterviewStatus>>,
    pub leaver_id: Option<ID>,
}

#[derive(Default)]
pub struct InterviewQuery;

#[Object]
impl InterviewQuery {
    /// One interview: HR see all of it, the leaver their own, everyone else
    /// only a published one.
    async fn interview(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Interview> {
        let ext = external(Kind::Interview, &id)?;
        visible_interview(ctx, &ext).await
    }

    /// Interviews, soonest scheduled first. HR see every one; others see
    /// published interviews (and the leaver their own).
    async fn interviews(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        filter: Option<InterviewFilter>,
    ) -> ApiResult<List<Interview>> {
        let page = page_request(first, after.clone())?;
        let f = filter.unwrap_or_default();
        let hr = may(ctx, Action::InterviewManage, Resource::Any);
        let me = principal(ctx)?.person_id.clone();
        let leaver = f
            .leaver_id
            .map(|id| external(Kind::Person, &id))
            .transpose()?;
        let own = leaver.is_some() && leaver == me;
        let filter = StoreFilter {
            statuses: f
                .status
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            person_id: leaver,
            published_only: !hr && !own,
        };
        let store = &State::of(ctx)?.store;
        let result = store.list_interviews(&filter, &page).await?;
        let (has_next, total) = (result.has_next, result.total);
        let mut items = Vec::with_capacity(result.items.len());
        for (cursor, i) in result.items {
            if let Some(access) = access(ctx, &i).await? {
                items.push((cursor, Interview { i, access }));
            }
        }
        let page = crate::store::Page {
            items,
            has_next,
            total,
        };
        Ok(connection(page, after.is_some(), |w| w))
    }

    /// HR's reusable question sets, by name.
    async fn question_sets(&self, ctx: &Context<'_>) -> ApiResult<Vec<QuestionSet>> {
        let store = &State::of(ctx)?.store;
        Ok(store
            .question_sets()
            .await?
            .into_iter()
            .map(QuestionSet)
            .collect())
    }

    /// Records with parts due for disposal on `asOf` (today when absent),
    /// earliest first; held records are listed with `onHold`. HR.
    async fn disposal_due(
        &self,
        ctx: &Context<'_>,
        as_of: Option<NaiveDate>,
    ) -> ApiResult<Vec<DueDisposal>> {
        let state = State::of(ctx)?;
        let today = as_of.unwrap_or_else(|| state.today());
        Ok(
            harvest::due_records(state.store.as_ref(), &state.harvest.retention, today)
                .await?
                .into_iter()
                .map(DueDisposal)
                .collect(),
        )
    }

    /// Disposal certificates, newest first. HR.
    async fn disposal_certificates(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50)] first: i32,
    ) -> ApiResult<Vec<DisposalCertificate>> {
        let first = page_size(first)?;
        let store = &State::of(ctx)?.store;
        Ok(store
            .certificates(first)
            .await?
            .into_iter()
            .map(DisposalCertificate)
            .collect())
    }
}
