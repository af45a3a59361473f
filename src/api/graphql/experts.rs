//! `experts` and `relatedSkills`: the ranking engine through GraphQL.

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};

use crate::error::{ApiError, ApiResult};
use crate::graph::{NodeId, NodeKind as GraphNodeKind, Snapshot};
use crate::rank::{self, ExpertQuery, explain::Reason};

use super::State;
use super::ids::external;
use super::ids::{Kind, encode};
use super::types::{Office, Person, Skill, loaders};

/// Longest question accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
pub const MAX_EXPERTS: usize = 100;

/// Narrow the results. Filters only remove people; they never lower a score.
#[derive(InputObject, Default)]
pub struct ExpertFilter {
    /// Only people in these offices.
    pub office_ids: Option<Vec<ID>>,
    /// Only people in these countries (ISO 3166-1 alpha-2).
    pub countries: Option<Vec<String>>,
    /// Only people whose working hours (their own, else 09:00–17:00 local, Monday to Friday) overlap the asker's by at least this many hours, from the asker's own date.
    pub min_overlap_hours: Option<f64>,
    /// The time zone to compare working hours with, when the asker has none (IANA name).
    pub timezone: Option<String>,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "crate::graph::NodeKind")]
pub enum NodeKind {
    Person,
    Skill,
    Community,
    Evidence,
    Interview,
}

/// The kinds of link in the knowledge graph.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "crate::graph::EdgeKind")]
pub enum EdgeKind {
    HasSkill,
    MemberOf,
    About,
    Authored,
    Tagged,
    HarvestedFrom,
    Covers,
    SuccessorFor,
    Broader,
    Related,
    ReportsTo,
}

/// One node on an explanation path.
#[derive(SimpleObject, Clone)]
pub struct PathNode {
    /// The node's global id (usable with `node(id:)`); null for an interview
    /// the reader may not see.
    pub id: Option<ID>,
    pub kind: NodeKind,
    /// Name or title.
    pub label: String,
}

/// One reason a person was suggested: a path from what the question matched
/// to the person, with how many paths of the same shape there are.
#[derive(SimpleObject, Clone)]
pub struct ExplanationPath {
    /// In words, e.g. "wrote 4 documents tagged *Records retention*".
    pub text: String,
    /// From the matched skill, document or community to the person.
    pub nodes: Vec<PathNode>,
    /// `edges[i]` joins `nodes[i]` and `nodes[i + 1]`.
    pub edges: Vec<EdgeKind>,
    /// How many paths of this shape lead through the same match.
    pub count: i32,
    /// This reason's share of the person's score (relative, for ordering).
    pub strength: f64,
}

pub(super) fn path_node(g: &Snapshot, n: NodeId, reveal: bool) -> PathNode {
    let kind = g.kind(n).unwrap_or(GraphNodeKind::Person);
    let ext = g.external_id(n).unwrap_or_default();
    if kind == GraphNodeKind::Interview && !rank::explain::interview_visible(g, n, reveal) {
        return PathNode {
            id: None,
            kind: kind.into(),
            label: "a colleague's interview".into(),
        };
    }
    let id = match kind {
        GraphNodeKind::Person => encode(Kind::Person, ext),
        GraphNodeKind::Skill => encode(Kind::Skill, ext),
        GraphNodeKind::Community => encode(Kind::Community, ext),
        GraphNodeKind::Evidence => encode(Kind::Evidence, ext),
        GraphNodeKind::Interview => encode(Kind::Interview, ext),
    };
    PathNode {
        id: Some(id),
        kind: kind.into(),
        label: g.label(n).to_string(),
    }
}

fn explanation_path(g: &Snapshot, r: &Reason, reveal: bool) -> ExplanationPath {
    ExplanationPath {
        text: r.text.clone(),
        nodes: r
            .path
            .nodes
            .iter()
            .map(|&n| path_node(g, n, reveal))
            .collect(),
        edges: r.path.edges.iter().map(|&k| k.into()).collect(),
        count: i32::try_from(r.count).unwrap_or(i32::MAX),
        strength: f64::from(r.strength),
    }
}

/// How sure a suggestion is.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "crate::rank::Strength")]
pub enum MatchStrength {
    /// Clearly matches the question.
    Strong,
    /// Matches part of the question, or well below the best.
    Partial,
    /// Only the closest there is: the question matched little, or this person little of it.
    Weak,
}

/// A misspelt word of the question read as a skill word.
#[derive(SimpleObject, Clone)]
pub struct Correction {
    pub from: String,
    pub to: String,
}

/// The people suggested for a question, and how the question was read.
#[derive(SimpleObject)]
pub struct ExpertSearch {
    /// Best first; anyone the question names comes first.
    pub experts: Vec<Expert>,
    /// The question as searched, when misspelt words were read as skill
    /// words: "showing results for …".
    pub showing_results_for: Option<String>,
    pub corrections: Vec<Correction>,
    /// False when nobody matches the question strongly: the experts are only
    /// the closest there are ("no one clearly matches").
    pub clear_match: bool,
}

/// A person suggested for a question.
pub struct Expert {
    pub(super) person_id: String,
    score: f32,
    strength: rank::Strength,
    name_match: bool,
    matched_skills: Vec<String>,
    explanation: String,
    paths: Vec<ExplanationPath>,
    overlap_hours: Option<f32>,
}

#[Object]
impl Expert {
    async fn person(&self, ctx: &Context<'_>) -> ApiResult<Person> {
        loaders(ctx)?
            .person
            .load_one(self.person_id.clone())
            .await?
            .map(Person)
            .ok_or_else(|| ApiError::NotFound("that person".into()))
    }
    /// The fused ranking score (walk, documents, topics, activity); only the order matters.
    async fn score(&self) -> f64 {
        f64::from(self.score)
    }
    /// How sure this suggestion is.
    async fn strength(&self) -> MatchStrength {
        self.strength.into()
    }
    /// The question is (or contains) this person's name.
    async fn name_match(&self) -> bool {
        self.name_match
    }
    /// Whether the person is leaving (their date is on `person.leavingOn`,
    /// for those who may see it).
    async fn leaving(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let person = loaders(ctx)?
            .person
            .load_one(self.person_id.clone())
            .await?;
        Ok(person.is_some_and(|p| p.status == crate::domain::PersonStatus::Leaving))
    }
    /// Skills the question named that this person holds.
    async fn matched_skills(&self, ctx: &Context<'_>) -> ApiResult<Vec<Skill>> {
        let found = loaders(ctx)?
            .skill
            .load_many(self.matched_skills.iter().cloned())
            .await?;
        Ok(self
            .matched_skills
            .iter()
            .filter_map(|id| found.get(id).cloned().map(Skill))
            .collect())
    }
    /// Why, in one sentence.
    async fn explanation(&self) -> &str {
        &self.explanation
    }
    /// Why, as the strongest one to three paths through the graph.
    async fn paths(&self) -> &[ExplanationPath] {
        &self.paths
    }
    /// Hours their working day overlaps the asker's, when both time zones are known.
    async fn overlap_hours(&self) -> Option<f64> {
        self.overlap_hours.map(f64::from)
    }
    async fn office(&self, ctx: &Context<'_>) -> ApiResult<Option<Office>> {
        let person = loaders(ctx)?
            .person
            .load_one(self.person_id.clone())
            .await?;
        let Some(office) = person.and_then(|p| p.office_id) else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.office.load_one(office).await?.map(Office))
    }
    /// IANA time zone name.
    async fn timezone(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        self.zone(ctx).await
    }
    /// Their local time now (`HH:MM`).
    async fn local_time(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let tz = self.zone(ctx).await?;
        Ok(super::types::local_time(ctx, tz.as_deref()))
    }
}

impl Expert {
    async fn zone(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let person = loaders(ctx)?
            .person
            .load_one(self.person_id.clone())
            .await?;
        Ok(person.and_then(|p| p.timezone))
    }
}

/// A skill close to another in the graph.
#[derive(SimpleObject)]
pub struct RelatedSkill {
    pub skill: Skill,
    pub score: f64,
}

/// Loads the people, offices and skills a page of results shows in one
/// statement each and hands them to the request's loaders, so the fields below
/// resolve at once instead of each waiting out a loader's gathering window.
async fn prime(ctx: &Context<'_>, found: &[rank::Expert], g: &Snapshot) -> ApiResult<()> {
    let store = &State::of(ctx)?.store;
    let l = loaders(ctx)?;
    let ids: Vec<String> = found.iter().map(|e| e.person_id.clone()).collect();
    // Offices are where the graph says people work (the same rows).
    let mut offices: Vec<String> = found
        .iter()
        .filter_map(|e| g.person(e.node)?.office_id().map(str::to_string))
        .collect();
    offices.sort();
    offices.dedup();
    let mut skills: Vec<String> = found
        .iter()
        .flat_map(|e| e.matched_skills.iter())
        .filter_map(|&s| g.external_id(s).map(str::to_string))
        .collect();
    skills.sort();
    skills.dedup();
    let (people, offices, skills) = tokio::try_join!(
        store.people_by_ids(&ids),
        store.offices_by_ids(&offices),
        store.skills_by_ids(&skills)
    )?;
    l.person
        .feed_many(people.into_iter().map(|p| (p.id.clone(), p)))
        .await;
    l.office
        .feed_many(offices.into_iter().map(|o| (o.id.clone(), o)))
        .await;
    l.skill
        .feed_many(skills.into_iter().map(|s| (s.id.clone(), s)))
        .await;
    Ok(())
}

/// The first `first` of `found` whose person passes `keep` (read through
/// the request's loader): for suggestions that leave some people out.
pub async fn keep_people(
    ctx: &Context<'_>,
    found: Vec<Expert>,
    keep: impl Fn(&crate::domain::Person) -> bool,
    first: usize,
) -> ApiResult<Vec<Expert>> {
    let people = loaders(ctx)?
        .person
        .load_many(found.iter().map(|e| e.person_id.clone()))
        .await?;
    Ok(found
        .into_iter()
        .filter(|e| people.get(&e.person_id).is_some_and(&keep))
        .take(first)
        .collect())
}

/// Ranks `fetch` people for `text`, keeps the first `first` that `keep`
/// allows, and explains them: the one ranking every people-finding feature uses.
pub async fn rank_people(
    ctx: &Context<'_>,
    text: &str,
    asker: Option<String>,
    filter: rank::ExpertFilter,
    (first, fetch): (usize, usize),
    keep: impl Fn(&str) -> bool,
) -> ApiResult<ExpertSearch> {
    let reveal = super::authz::may(
        ctx,
        crate::auth::Action::InterviewReveal,
        crate::auth::Resource::Any,
    );
    let q = ExpertQuery {
        reveal_unpublished: reveal,
        text: text.to_string(),
        asker,
        filter,
        first: fetch.max(first),
        now: super::now(ctx),
    };
    let (ranking, answer) = State::of(ctx)?
        .engine
        .experts(q, super::deadline(ctx))
        .await?;
    let mut found = answer.experts;
    found.retain(|e| keep(&e.person_id));
    found.truncate(first);
    let g = &ranking.snapshot;
    metrics::counter!("tacit_expert_queries_total").increment(1);
    prime(ctx, &found, g).await?;
    let experts = found
        .into_iter()
        .map(|e| Expert {
            strength: e.strength,
            name_match: e.name_match,
            matched_skills: e
                .matched_skills
                .iter()
                .filter_map(|&s| g.external_id(s).map(str::to_string))
                .collect(),
            paths: e
                .reasons
                .iter()
                .map(|r| explanation_path(g, r, reveal))
                .collect(),
            person_id: e.person_id,
            score: e.score,
            explanation: e.sentence,
            overlap_hours: e.overlap_hours,
        })
        .collect::<Vec<_>>();
    Ok(ExpertSearch {
        clear_match: experts.iter().any(|e| e.strength == rank::Strength::Strong),
        experts,
        showing_results_for: answer.corrected,
        corrections: answer
            .corrections
            .into_iter()
            .map(|c| Correction {
                from: c.from,
                to: c.to,
            })
            .collect(),
    })
}

/// Checks the arguments of `experts` and `expertSearch` and ranks.
async fn search(
    ctx: &Context<'_>,
    query: String,
    filter: Option<ExpertFilter>,
    first: i32,
    asker: Option<ID>,
) -> ApiResult<ExpertSearch> {
    let text = query.trim();
    if text.is_empty() {
        return Err(ApiError::bad_input("the question is empty"));
    }
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_input(format!(
            "the question is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    let first = super::query::size_within(first, MAX_EXPERTS)?;
    let f = filter.unwrap_or_default();
    let timezone = f
        .timezone
        .as_deref()
        .map(|t| {
            t.parse::<chrono_tz::Tz>()
                .map_err(|_| ApiError::bad_input(format!("'{t}' is not an IANA time zone")))
        })
        .transpose()?;
    let min_overlap_hours = match f.min_overlap_hours {
        Some(h) if !(0.0..=24.0).contains(&h) => {
            return Err(ApiError::bad_input(
                "minOverlapHours must be between 0 and 24",
            ));
        }
        h => h.map(|h| h as f32),
    };
    let filter = rank::ExpertFilter {
        offices: f
            .office_ids
            .unwrap_or_default()
            .iter()
            .map(|id| external(Kind::Office, id))
            .collect::<ApiResult<_>>()?,
        countries: f
            .countries
            .unwrap_or_default()
            .iter()
            .map(|c| crate::domain::country(c).map_err(ApiError::from))
            .collect::<ApiResult<_>>()?,
        min_overlap_hours,
        timezone,
    };
    // The asker is whoever is signed in, unless a caller names someone else.
    let asker = match asker {
        Some(a) => Some(external(Kind::Person, &a)?),
        None => super::authz::principal(ctx)?.person_id.clone(),
    };
    if min_overlap_hours.is_some() && timezone.is_none() && asker.is_none() {
        return Err(ApiError::bad_input(
            "minOverlapHours needs a time zone to compare with: give filter.timezone or the asker",
        ));
    }
    rank_people(ctx, text, asker, filter, (first, first), |_| true).await
}

#[derive(Default)]
pub struct ExpertQueries;

#[Object]
impl ExpertQueries {
    /// The people most likely to know the answer to `query`, best first, each
    /// with the reasons why. Only active people who have not opted out are
    /// returned, never the asker. `expertSearch` gives the same people with
    /// how the question was read.
    async fn experts(
        &self,
        ctx: &Context<'_>,
        query: String,
        filter: Option<ExpertFilter>,
        #[graphql(default = 10)] first: i32,
        #[graphql(
            desc = "Who is asking (excluded from results; their time zone is used for the overlap filter); the signed-in person when absent."
        )]
        asker: Option<ID>,
    ) -> ApiResult<Vec<Expert>> {
        Ok(search(ctx, query, filter, first, asker).await?.experts)
    }

    /// As `experts`, with how sure the answer is and how the question was
    /// read: corrected spellings ("showing results for …") and whether anyone
    /// clearly matches.
    async fn expert_search(
        &self,
        ctx: &Context<'_>,
        query: String,
        filter: Option<ExpertFilter>,
        #[graphql(default = 10)] first: i32,
        #[graphql(
            desc = "Who is asking (excluded from results; their time zone is used for the overlap filter); the signed-in person when absent."
        )]
        asker: Option<ID>,
    ) -> ApiResult<ExpertSearch> {
        search(ctx, query, filter, first, asker).await
    }

    /// Skills close to `skill` in the knowledge graph (through shared holders,
    /// documents, communities and the taxonomy), closest first.
    async fn related_skills(
        &self,
        ctx: &Context<'_>,
        skill: ID,
        #[graphql(default = 10)] first: i32,
    ) -> ApiResult<Vec<RelatedSkill>> {
        let first = super::query::size_within(first, MAX_EXPERTS)?;
        let ext = external(Kind::Skill, &skill)?;
        let engine = &State::of(ctx)?.engine;
        let ranking = engine.ranking();
        let Some(node) = ranking.snapshot.node(GraphNodeKind::Skill, &ext) else {
            return Err(ApiError::NotFound(format!("skill '{ext}'")));
        };
        let scored = engine
            .walk(ranking.clone(), super::deadline(ctx), move |r, config| {
                let mut skills: Vec<(NodeId, f32)> =
                    rank::spread(&r.snapshot, config, &[(node, 1.0)])
                        .into_iter()
                        .filter(|&(n, _)| {
                            n != node && r.snapshot.kind(n) == Some(GraphNodeKind::Skill)
                        })
                        .collect();
                rank::top(&r.snapshot, &mut skills, first);
                skills
            })
            .await?;
        let ids: Vec<String> = scored
            .iter()
            .filter_map(|&(n, _)| ranking.snapshot.external_id(n).map(str::to_string))
            .collect();
        let found = loaders(ctx)?.skill.load_many(ids.iter().cloned()).await?;
        Ok(ids
            .iter()
            .zip(&scored)
            .filter_map(|(id, &(_, score))| {
                found.get(id).cloned().map(|s| RelatedSkill {
                    skill: Skill(s),
                    score: f64::from(score),
                })
            })
            .collect())
    }
}
