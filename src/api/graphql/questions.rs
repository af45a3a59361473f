//! Ask the network: `NetworkQuestion`, its routes and answers; `question`,
//! `questionsForMe`, `myQuestions` and (HR, admins) `networkStats`.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::enums::{QuestionStatus, QuestionVisibility, RouteState};
use super::ids::{Kind, arg, encode};
use super::types::{Evidence, Person, Skill, loaders, person_by_id, skill_by_id};
use super::{State, authz};
use crate::domain::{self, QuestionId};
use crate::error::ApiResult;
use crate::network::{questions, stats};

/// The most questions a list gives.
pub const MAX_QUESTIONS: usize = 100;

/// Which of the signed-in person's questions a list gives.
enum Listing {
    /// Routed to them.
    ForMe,
    /// Asked by them.
    Mine,
}

/// A question asked of the network, as the signed-in person may see it.
pub struct NetworkQuestion {
    pub q: domain::AskedQuestion,
    pub routes: Vec<domain::Route>,
}

impl NetworkQuestion {
    pub async fn load(ctx: &Context<'_>, id: &str) -> ApiResult<NetworkQuestion> {
        let state = State::of(ctx)?;
        let actor = authz::principal(ctx)?;
        let (q, routes) = questions::question(state.store.as_ref(), actor, id).await?;
        Ok(NetworkQuestion { q, routes })
    }

    /// The first `first` of the signed-in person's questions of one kind.
    async fn list(
        ctx: &Context<'_>,
        first: i32,
        which: Listing,
    ) -> ApiResult<Vec<NetworkQuestion>> {
        let first = super::query::size_within(first, MAX_QUESTIONS)? as i64;
        let (store, actor) = (State::of(ctx)?.store.as_ref(), authz::principal(ctx)?);
        let list = match which {
            Listing::ForMe => questions::for_me(store, actor, first).await?,
            Listing::Mine => questions::mine(store, actor, first).await?,
        };
        Self::many(ctx, list).await
    }

    async fn many(
        ctx: &Context<'_>,
        list: Vec<domain::AskedQuestion>,
    ) -> ApiResult<Vec<NetworkQuestion>> {
        let ids: Vec<String> = list.iter().map(|q| q.id.clone()).collect();
        let mut routes: std::collections::HashMap<String, Vec<domain::Route>> =
            std::collections::HashMap::new();
        for r in State::of(ctx)?.store.routes_of(&ids).await? {
            routes.entry(r.question_id.clone()).or_default().push(r);
        }
        Ok(list
            .into_iter()
            .map(|q| NetworkQuestion {
                routes: routes.remove(&q.id).unwrap_or_default(),
                q,
            })
            .collect())
    }
}

#[Object]
impl NetworkQuestion {
    async fn id(&self) -> ID {
        encode(Kind::Question, &self.q.id)
    }
    async fn external_id(&self) -> &str {
        &self.q.id
    }
    async fn text(&self) -> &str {
        &self.q.text
    }
    async fn visibility(&self) -> QuestionVisibility {
        self.q.visibility.into()
    }
    async fn status(&self) -> QuestionStatus {
        self.q.status.into()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.q.created_at
    }
    /// When it was answered or closed.
    async fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.q.closed_at
    }
    /// Who asked; null if they are no longer listed.
    async fn asker(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, Some(&self.q.asker_id)).await
    }
    /// Whether the signed-in person asked it.
    async fn asked_by_me(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        Ok(authz::principal(ctx)?.is(&self.q.asker_id))
    }
    async fn skills(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        let found = loaders(ctx)?
            .skill
            .load_many(self.q.skill_ids.iter().cloned())
            .await?;
        Ok(self
            .q
            .skill_ids
            .iter()
            .filter_map(|id| found.get(id).cloned().map(Skill))
            .collect())
    }
    /// Who it went to, in order, with why; the people skipped (and why)
    /// only for the asker, HR and admins.
    async fn routes(&self, ctx: &Context<'_>) -> ApiResult<Vec<QuestionRoute>> {
        let actor = authz::principal(ctx)?;
        let all = questions::may_see_routing(actor, &self.q);
        Ok(self
            .routes
            .iter()
            .filter(|r| all || r.state != domain::RouteState::Skipped)
            .cloned()
            .map(|mut r| {
                // Notes are for the asker (and HR), and their own writer.
                if !all
                    && !actor.is(&r.person_id)
                    && !r.passed_by.as_deref().is_some_and(|p| actor.is(p))
                {
                    r.note = None;
                }
                QuestionRoute(r)
            })
            .collect())
    }
    /// The signed-in person's own route, if it came to them.
    async fn my_route(&self, ctx: &Context<'_>) -> ApiResult<Option<QuestionRoute>> {
        let actor = authz::principal(ctx)?;
        Ok(self
            .routes
            .iter()
            .find(|r| r.state != domain::RouteState::Skipped && actor.is(&r.person_id))
            .cloned()
            .map(QuestionRoute))
    }
    /// Answers as they came, oldest first.
    async fn answers(&self, ctx: &Context<'_>) -> ApiResult<Vec<Answer>> {
        let found = loaders(ctx)?
            .answers_of_question
            .load_one(self.q.id.clone())
            .await?
            .unwrap_or_default();
        Ok(found
            .into_iter()
            .map(|a| Answer {
                accepted: self.q.accepted_answer_id.as_deref() == Some(a.id.as_str()),
                a,
            })
            .collect())
    }
    /// The evidence the accepted answer became (public questions).
    async fn evidence(&self, ctx: &Context<'_>) -> ApiResult<Option<Evidence>> {
        let Some(id) = &self.q.evidence_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?
            .evidence
            .load_one(id.clone())
            .await?
            .map(Evidence))
    }
}

/// One person a question went to, or was kept from.
pub struct QuestionRoute(domain::Route);

#[Object]
impl QuestionRoute {
    /// Null if they are no longer listed (left, or opted out).
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, Some(&self.0.person_id)).await
    }
    async fn state(&self) -> RouteState {
        self.0.state.into()
    }
    async fn position(&self) -> i64 {
        self.0.position
    }
    /// Why they were chosen (the ranking's explanation), or why skipped.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    /// Who passed the question to them.
    async fn passed_by(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, self.0.passed_by.as_ref()).await
    }
    /// The note passing it on or saying "not me".
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    async fn routed_at(&self) -> DateTime<Utc> {
        self.0.routed_at
    }
    async fn responded_at(&self) -> Option<DateTime<Utc>> {
        self.0.responded_at
    }
}

pub struct Answer {
    pub a: domain::QuestionAnswer,
    pub accepted: bool,
}

#[Object]
impl Answer {
    async fn id(&self) -> ID {
        encode(Kind::Answer, &self.a.id)
    }
    async fn text(&self) -> &str {
        &self.a.text
    }
    async fn author(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, Some(&self.a.author_id)).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.a.created_at
    }
    /// The one the asker marked as the answer.
    async fn accepted(&self) -> bool {
        self.accepted
    }
}

/// One person's share of the questions.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct PersonLoad {
    #[graphql(skip)]
    person_id: String,
    pub routed: i64,
    pub answered: i64,
    pub declined: i64,
    /// Passed on to a colleague.
    pub passed: i64,
}

#[async_graphql::ComplexObject]
impl PersonLoad {
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, Some(&self.person_id)).await
    }
}

#[derive(SimpleObject)]
pub struct WeekCount {
    /// The week's Monday.
    pub week: chrono::NaiveDate,
    pub questions: i64,
}

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct SkillCount {
    #[graphql(skip)]
    skill_id: String,
    pub open: i64,
}

#[async_graphql::ComplexObject]
impl SkillCount {
    async fn skill(&self, ctx: &Context<'_>) -> ApiResult<Option<Skill>> {
        skill_by_id(ctx, &self.skill_id).await
    }
}

/// How the network answers: for knowledge managers (HR and admins).
#[derive(SimpleObject)]
pub struct NetworkStats {
    pub days: i32,
    pub asked: i64,
    pub answered: i64,
    pub closed: i64,
    pub open: i64,
    /// Questions whose first answer came within 24 hours.
    pub answered_within_day: i64,
    pub median_hours_to_first_answer: Option<f64>,
    pub per_week: Vec<WeekCount>,
    /// Routed, answered and declined per person, most routed first (the fair share).
    pub people: Vec<PersonLoad>,
    pub open_by_skill: Vec<SkillCount>,
}

/// How questions are routed and how people hear of them, for the web app's
/// wording.
#[derive(SimpleObject)]
pub struct NetworkSettings {
    /// How many people a question goes to at first.
    pub people: i32,
    /// The most questions anyone is sent in seven days (the fair share).
    pub max_open_per_week: i32,
    /// People leaving within this many days are not asked.
    pub leaving_within_days: i32,
    /// Whether people are e-mailed when a question comes to them.
    pub email: bool,
    /// Whether a chat webhook is told.
    pub webhook: bool,
}

#[derive(Default)]
pub struct QuestionQuery;

#[Object]
impl QuestionQuery {
    /// A question the signed-in person may see: theirs, one routed to them,
    /// a public one; HR and admins see all.
    async fn question(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<NetworkQuestion>> {
        let id: QuestionId = arg(&id)?;
        match NetworkQuestion::load(ctx, &id).await {
            Ok(q) => Ok(Some(q)),
            Err(crate::error::ApiError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// How questions are routed and whether people are notified.
    async fn network_settings(&self, ctx: &Context<'_>) -> ApiResult<NetworkSettings> {
        let n = &State::of(ctx)?.network;
        let small = |v: usize| i32::try_from(v).unwrap_or(i32::MAX);
        Ok(NetworkSettings {
            people: small(n.rules.people),
            max_open_per_week: small(n.rules.max_open_per_week),
            leaving_within_days: i32::try_from(n.rules.leaving_within_days).unwrap_or(i32::MAX),
            email: n.email,
            webhook: n.webhook,
        })
    }

    /// Questions routed to the signed-in person, newest first.
    async fn questions_for_me(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: i32,
    ) -> ApiResult<Vec<NetworkQuestion>> {
        NetworkQuestion::list(ctx, first, Listing::ForMe).await
    }

    /// Questions the signed-in person asked, newest first.
    async fn my_questions(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: i32,
    ) -> ApiResult<Vec<NetworkQuestion>> {
        NetworkQuestion::list(ctx, first, Listing::Mine).await
    }

    /// Questions of the last `days` days (1–366) in figures.
    async fn network_stats(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 28)] days: i32,
    ) -> ApiResult<NetworkStats> {
        let state = State::of(ctx)?;
        let s = stats::stats(
            state.store.as_ref(),
            authz::principal(ctx)?,
            state.now(),
            i64::from(days),
        )
        .await?;
        Ok(NetworkStats {
            days,
            asked: s.asked,
            answered: s.answered,
            closed: s.closed,
            open: s.open,
            answered_within_day: s.answered_within_day,
            median_hours_to_first_answer: s.median_hours_to_first_answer,
            per_week: s
                .per_week
                .into_iter()
                .map(|(week, questions)| WeekCount { week, questions })
                .collect(),
            people: s
                .people
                .into_iter()
                .map(|p| PersonLoad {
                    person_id: p.person_id,
                    routed: p.routed,
                    answered: p.answered,
                    declined: p.declined,
                    passed: p.passed,
                })
                .collect(),
            open_by_skill: s
                .open_by_skill
                .into_iter()
                .map(|(skill_id, open)| SkillCount { skill_id, open })
                .collect(),
        })
    }
}
