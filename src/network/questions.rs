//! The life of a question: asked and routed, answered, declined ("not me",
//! it goes to the next person), passed on, accepted or closed. Each step is
//! one store transaction with the notifications it sends.

use std::collections::{HashMap, HashSet};

use chrono::Duration;

use super::Settings;
use super::candidates;
use super::messages::{self, Event};
use super::routing::Decision;
use crate::auth::{Action, Principal, Resource, authorize};
use crate::domain::limits::{LONG_TEXT, MESSAGE, QUESTION};
use crate::domain::{
    AnswerId, AskedQuestion, AuditEvent, Clock, Evidence, EvidenceId, Notification, Person,
    PersonId, QuestionAnswer, QuestionId, QuestionStatus, QuestionVisibility, Route, RouteState,
    SkillId, optional_text, required_text,
};
use crate::rank::Engine;
use crate::refusal::Refusal;
use crate::store::{NewEvidence, Response, Settlement, Store};

/// What a step needs besides the actor.
pub struct Network<'a> {
    pub store: &'a dyn Store,
    pub engine: &'a Engine,
    pub clock: &'a Clock,
    pub settings: &'a Settings,
}

/// A question as asked, each part checked on its own.
#[derive(Debug, Clone)]
pub struct NewQuestion {
    pub text: String,
    pub skill_ids: Vec<SkillId>,
    pub visibility: QuestionVisibility,
}

fn asker_of(actor: &Principal) -> Result<String, Refusal> {
    actor
        .person_id
        .clone()
        .ok_or_else(|| Refusal::invalid("only a person can ask, answer or pass on questions"))
}

/// The question and its routes, or `NOT_FOUND` if the actor may not see it.
pub async fn question(
    store: &dyn Store,
    actor: &Principal,
    id: &str,
) -> Result<(AskedQuestion, Vec<Route>), Refusal> {
    let gone = || Refusal::not_found(format!("question '{id}'"));
    let q = store
        .questions_by_ids(&[id.to_string()])
        .await?
        .pop()
        .ok_or_else(gone)?;
    let routes = store.routes_of(&[id.to_string()]).await?;
    if !may_see(actor, &q, &routes) {
        return Err(gone());
    }
    if q.visibility == QuestionVisibility::Private && !party(actor, &q, &routes) {
        // HR or an admin reading someone's private question: on the record.
        let event = AuditEvent::new(
            actor.actor(),
            "question.read_private",
            Some(format!("question:{id}")),
        )
        .detail(serde_json::json!({ "asker": q.asker_id }));
        store.audit(&event).await?;
    }
    Ok((q, routes))
}

/// The asker, or someone the question went to.
fn party(actor: &Principal, q: &AskedQuestion, routes: &[Route]) -> bool {
    actor.is(&q.asker_id)
        || routes
            .iter()
            .any(|r| r.state != RouteState::Skipped && actor.is(&r.person_id))
}

/// The asker, the people it went to, HR and admins; anyone for a public one.
pub fn may_see(actor: &Principal, q: &AskedQuestion, routes: &[Route]) -> bool {
    q.visibility == QuestionVisibility::Public
        || party(actor, q, routes)
        || authorize(actor, Action::QuestionsAll, Resource::Any).is_ok()
}

/// Whether the actor may see why people were skipped, and the notes people
/// left declining or passing it on: the asker, HR, admins.
pub fn may_see_routing(actor: &Principal, q: &AskedQuestion) -> bool {
    actor.is(&q.asker_id) || authorize(actor, Action::QuestionsAll, Resource::Any).is_ok()
}

/// Asks a question: it goes to the best few people at once.
pub async fn ask(
    n: &Network<'_>,
    actor: &Principal,
    new: NewQuestion,
) -> Result<AskedQuestion, Refusal> {
    let asker = asker_of(actor)?;
    let text = required_text("the question", &new.text, QUESTION)?;
    let mut skill_ids: Vec<String> = new.skill_ids.into_iter().map(String::from).collect();
    skill_ids.sort();
    skill_ids.dedup();
    let skills = n.store.skills_by_ids(&skill_ids).await?;
    if let Some(missing) = skill_ids
        .iter()
        .find(|id| !skills.iter().any(|s| &s.id == *id))
    {
        return Err(Refusal::not_found(format!("skill '{missing}'")));
    }
    let rules = &n.settings.rules;
    let (open, today) = n
        .store
        .asked_by_count(&asker, n.clock.now() - Duration::days(1))
        .await?;
    if open >= rules.max_open_asked as i64 {
        return Err(Refusal::conflict(format!(
            "you have {open} open questions; accept an answer or close some before asking more (the limit is {})",
            rules.max_open_asked
        )));
    }
    if today >= rules.max_asked_per_day as i64 {
        return Err(Refusal::conflict(format!(
            "you have asked {today} questions in the last 24 hours, the most anyone may; try again tomorrow"
        )));
    }
    let now = n.clock.now();
    let q = AskedQuestion {
        id: QuestionId::generate().into_string(),
        asker_id: asker.clone(),
        text,
        skill_ids,
        visibility: new.visibility,
        status: QuestionStatus::Open,
        accepted_answer_id: None,
        evidence_id: None,
        created_at: now,
        closed_at: None,
    };
    let names: Vec<&str> = skills.iter().map(|s| s.name.as_str()).collect();
    let exclude = HashSet::from([asker.clone()]);
    let decisions = candidates::route(n, &q, &names, &exclude, n.settings.rules.people).await?;
    if !decisions
        .iter()
        .any(|d| matches!(d, Decision::Route { .. }))
    {
        return Err(Refusal::conflict(
            "nobody can be asked this now: no one matches it who is here, findable and under the fair-share cap; try other words or name a skill",
        ));
    }
    let asker_person = n
        .store
        .person(&asker)
        .await?
        .ok_or_else(|| Refusal::not_found("you"))?;
    let (routes, outbox) =
        routes_and_messages(n, &q, &asker_person, decisions, 0, Event::Routed).await?;
    n.store.create_question(&q, &routes, &outbox).await?;
    Ok(q)
}

/// Routes for `decisions` (positions after `after`) and the messages to the
/// people routed to.
async fn routes_and_messages(
    n: &Network<'_>,
    q: &AskedQuestion,
    from: &Person,
    decisions: Vec<Decision>,
    after: i64,
    event: Event,
) -> Result<(Vec<Route>, Vec<Notification>), Refusal> {
    let now = n.clock.now();
    let ids: Vec<String> = decisions
        .iter()
        .filter_map(|d| match d {
            Decision::Route { person_id, .. } => Some(person_id.clone()),
            Decision::Skip { .. } => None,
        })
        .collect();
    let people = people_by_id(n.store, &ids).await?;
    let mut routes = Vec::new();
    let mut outbox = Vec::new();
    for (i, d) in decisions.into_iter().enumerate() {
        let (person_id, why, state) = match d {
            Decision::Route { person_id, why } => (person_id, why, RouteState::Routed),
            Decision::Skip { person_id, why } => (person_id, why, RouteState::Skipped),
        };
        if let (RouteState::Routed, Some(p)) = (state, people.get(&person_id)) {
            outbox.extend(messages::for_person(n.settings, event, q, p, from, &why));
        }
        routes.push(Route {
            question_id: q.id.clone(),
            person_id,
            state,
            position: after + i as i64 + 1,
            reason: why,
            passed_by: None,
            note: None,
            routed_at: now,
            responded_at: None,
        });
    }
    Ok((routes, outbox))
}

/// `ids`' people, by id.
pub(super) async fn people_by_id(
    store: &dyn Store,
    ids: &[String],
) -> Result<HashMap<String, Person>, Refusal> {
    Ok(store
        .people_by_ids(ids)
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect())
}

/// The open question `id`, its routes, and the actor's own route.
async fn open_for(
    n: &Network<'_>,
    actor: &Principal,
    id: &QuestionId,
) -> Result<(AskedQuestion, Vec<Route>, Route), Refusal> {
    let me = asker_of(actor)?;
    let (q, routes) = question(n.store, actor, id).await?;
    let mine = routes
        .iter()
        .find(|r| r.person_id == me && r.state != RouteState::Skipped)
        .cloned()
        .ok_or_else(|| Refusal::Denied("this question was not routed to you".into()))?;
    if q.status != QuestionStatus::Open {
        return Err(Refusal::conflict("this question is no longer open"));
    }
    Ok((q, routes, mine))
}

fn last_position(routes: &[Route]) -> i64 {
    routes.iter().map(|r| r.position).max().unwrap_or(0)
}

/// "Not me": the question goes on to the next person the ranking suggests.
pub async fn decline(
    n: &Network<'_>,
    actor: &Principal,
    id: &QuestionId,
    note: Option<String>,
) -> Result<AskedQuestion, Refusal> {
    let note = optional_text("the note", note.as_deref(), MESSAGE)?;
    let (q, _, mine) = open_for(n, actor, id).await?;
    move_on(n, &q.id, &mine.person_id, RouteState::Declined, note).await?;
    Ok(q)
}

/// Someone who left (deactivated by the identity provider, say) no longer
/// holds up the open questions waiting on them: each goes on to the next
/// person. Returns how many moved on.
pub async fn withdraw(n: &Network<'_>, person_id: &str) -> Result<usize, Refusal> {
    let waiting = n.store.questions_waiting_on(person_id).await?;
    let mut moved = 0;
    for id in waiting {
        match move_on(n, &id, person_id, RouteState::Withdrawn, None).await {
            Ok(()) => moved += 1,
            // Answered or closed meanwhile: nothing waits on them there.
            Err(Refusal::Store(crate::store::StoreError::Conflict(_))) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(moved)
}

/// `person_id`'s route on question `id` becomes `state` and the question
/// goes on to the next person the ranking suggests. Two people moving on at
/// once may both pick the same next person: the second finds them taken and
/// routes again.
async fn move_on(
    n: &Network<'_>,
    id: &str,
    person_id: &str,
    state: RouteState,
    note: Option<String>,
) -> Result<(), Refusal> {
    let mut tries = 0;
    loop {
        tries += 1;
        let q = n
            .store
            .questions_by_ids(&[id.to_string()])
            .await?
            .pop()
            .ok_or_else(|| Refusal::not_found(format!("question '{id}'")))?;
        let routes = n.store.routes_of(&[id.to_string()]).await?;
        let mut exclude: HashSet<String> = routes.iter().map(|r| r.person_id.clone()).collect();
        exclude.insert(q.asker_id.clone());
        let skills = n.store.skills_by_ids(&q.skill_ids).await?;
        let names: Vec<&str> = skills.iter().map(|s| s.name.as_str()).collect();
        let decisions = candidates::route(n, &q, &names, &exclude, 1).await?;
        let asker = n
            .store
            .person(&q.asker_id)
            .await?
            .ok_or_else(|| Refusal::not_found("the asker"))?;
        let (new_routes, outbox) = routes_and_messages(
            n,
            &q,
            &asker,
            decisions,
            last_position(&routes),
            Event::Routed,
        )
        .await?;
        let written = n
            .store
            .respond(&Response {
                question_id: q.id.clone(),
                person_id: person_id.to_string(),
                from: &[RouteState::Routed],
                state,
                at: n.clock.now(),
                note: note.clone(),
                new_routes,
                answer: None,
                outbox,
            })
            .await;
        match written {
            Err(crate::store::StoreError::Conflict(why))
                if tries < 3 && why.contains("already went") =>
            {
                continue;
            }
            other => return Ok(other?),
        }
    }
}

/// Passes the question to a colleague, with a note saying why.
pub async fn pass(
    n: &Network<'_>,
    actor: &Principal,
    id: &QuestionId,
    to: &PersonId,
    note: &str,
) -> Result<AskedQuestion, Refusal> {
    let note = required_text("the note", note, MESSAGE)?;
    let (q, routes, mine) = open_for(n, actor, id).await?;
    if q.visibility == QuestionVisibility::Private {
        return Err(Refusal::conflict(
            "a private question goes only to people Tacit chose for the asker: say \"not me\" and it goes to the next one",
        ));
    }
    let colleague = n
        .store
        .person(to)
        .await?
        .filter(|p| p.is_contact())
        .ok_or_else(|| Refusal::not_found(format!("person '{to}'")))?;
    if colleague.id == q.asker_id {
        return Err(Refusal::invalid("that is who asked it"));
    }
    if routes.iter().any(|r| r.person_id == colleague.id) {
        return Err(Refusal::conflict(format!(
            "{} has already been asked this question",
            colleague.name
        )));
    }
    let me = n
        .store
        .person(&mine.person_id)
        .await?
        .ok_or_else(|| Refusal::not_found("you"))?;
    let why = format!("{} passed it on: {note}", me.name);
    let outbox = messages::for_person(n.settings, Event::Passed, &q, &colleague, &me, &why);
    let now = n.clock.now();
    n.store
        .respond(&Response {
            question_id: q.id.clone(),
            person_id: mine.person_id.clone(),
            from: &[RouteState::Routed],
            state: RouteState::Passed,
            at: now,
            note: Some(note.clone()),
            new_routes: vec![Route {
                question_id: q.id.clone(),
                person_id: colleague.id.clone(),
                state: RouteState::Routed,
                position: last_position(&routes) + 1,
                reason: why,
                passed_by: Some(mine.person_id),
                note: Some(note),
                routed_at: now,
                responded_at: None,
            }],
            answer: None,
            outbox,
        })
        .await?;
    Ok(q)
}

/// Answers the question (more than once if they like); the asker is told.
pub async fn answer(
    n: &Network<'_>,
    actor: &Principal,
    id: &QuestionId,
    text: &str,
) -> Result<QuestionAnswer, Refusal> {
    let text = required_text("the answer", text, LONG_TEXT)?;
    let (q, _, mine) = open_for(n, actor, id).await?;
    let now = n.clock.now();
    let a = QuestionAnswer {
        id: AnswerId::generate().into_string(),
        question_id: q.id.clone(),
        author_id: mine.person_id.clone(),
        text,
        created_at: now,
    };
    let me = n
        .store
        .person(&mine.person_id)
        .await?
        .ok_or_else(|| Refusal::not_found("you"))?;
    let asker = n
        .store
        .person(&q.asker_id)
        .await?
        .ok_or_else(|| Refusal::not_found("the asker"))?;
    // The asker hears of someone's first answer; more from them wait on the page.
    let outbox = match mine.state {
        RouteState::Routed => {
            messages::for_person(n.settings, Event::Answered, &q, &asker, &me, &a.text)
        }
        _ => vec![],
    };
    n.store
        .respond(&Response {
            question_id: q.id.clone(),
            person_id: mine.person_id,
            from: &[RouteState::Routed, RouteState::Answered],
            state: RouteState::Answered,
            at: now,
            note: None,
            new_routes: vec![],
            answer: Some(a.clone()),
            outbox,
        })
        .await?;
    Ok(a)
}

/// The asker's own open question, or why not.
async fn asked_by(n: &Network<'_>, actor: &Principal, id: &str) -> Result<AskedQuestion, Refusal> {
    let (q, _) = question(n.store, actor, id).await?;
    if !actor.is(&q.asker_id) {
        return Err(Refusal::Denied(
            "only the person who asked can do that".into(),
        ));
    }
    if q.status != QuestionStatus::Open {
        return Err(Refusal::conflict("this question is no longer open"));
    }
    Ok(q)
}

/// The asker marks an answer as the one that helped. A public question's
/// answer becomes evidence (kind `answer`, the question's skills as tags,
/// answerer and asker as authors), so the graph learns who knows.
pub async fn accept(
    n: &Network<'_>,
    actor: &Principal,
    answer_id: &AnswerId,
) -> Result<AskedQuestion, Refusal> {
    let a = n
        .store
        .answer_by_id(answer_id)
        .await?
        .ok_or_else(|| Refusal::not_found(format!("answer '{answer_id}'")))?;
    let mut q = asked_by(n, actor, &a.question_id).await?;
    let now = n.clock.now();
    let evidence = (q.visibility == QuestionVisibility::Public).then(|| NewEvidence {
        evidence: Evidence {
            id: EvidenceId::generate().into_string(),
            kind: "answer".into(),
            title: Some(q.text.chars().take(500).collect()),
            text: format!("{}\n\n{}", q.text, a.text),
            // Where the question and its answers can be read, when known.
            url: n
                .settings
                .public_url
                .as_deref()
                .map(|base| format!("{}/questions/{}", base.trim_end_matches('/'), q.id)),
            created_at: now,
        },
        author_ids: vec![a.author_id.clone(), q.asker_id.clone()],
        skill_ids: q.skill_ids.clone(),
    });
    let asker = n
        .store
        .person(&q.asker_id)
        .await?
        .ok_or_else(|| Refusal::not_found("you"))?;
    let outbox = match n.store.person(&a.author_id).await? {
        Some(author) => {
            messages::for_person(n.settings, Event::Accepted, &q, &author, &asker, &a.text)
        }
        None => vec![],
    };
    n.store
        .settle_question(&Settlement {
            question_id: q.id.clone(),
            status: QuestionStatus::Answered,
            accepted_answer_id: Some(a.id.clone()),
            evidence: evidence.clone(),
            at: now,
            outbox,
        })
        .await?;
    q.status = QuestionStatus::Answered;
    q.accepted_answer_id = Some(a.id);
    q.evidence_id = evidence.map(|e| e.evidence.id);
    q.closed_at = Some(now);
    Ok(q)
}

/// The asker says none of the answers helped: the question closes.
pub async fn close(
    n: &Network<'_>,
    actor: &Principal,
    id: &QuestionId,
) -> Result<AskedQuestion, Refusal> {
    let mut q = asked_by(n, actor, id).await?;
    let now = n.clock.now();
    n.store
        .settle_question(&Settlement {
            question_id: q.id.clone(),
            status: QuestionStatus::Closed,
            accepted_answer_id: None,
            evidence: None,
            at: now,
            outbox: vec![],
        })
        .await?;
    q.status = QuestionStatus::Closed;
    q.closed_at = Some(now);
    Ok(q)
}

/// Questions for the actor: routed to them (newest first).
pub async fn for_me(
    store: &dyn Store,
    actor: &Principal,
    limit: i64,
) -> Result<Vec<AskedQuestion>, Refusal> {
    let me = asker_of(actor)?;
    let ids = store.questions_for(&me, limit).await?;
    ordered(store, ids).await
}

/// Questions the actor asked (newest first).
pub async fn mine(
    store: &dyn Store,
    actor: &Principal,
    limit: i64,
) -> Result<Vec<AskedQuestion>, Refusal> {
    let me = asker_of(actor)?;
    let ids = store.questions_asked_by(&me, limit).await?;
    ordered(store, ids).await
}

async fn ordered(store: &dyn Store, ids: Vec<String>) -> Result<Vec<AskedQuestion>, Refusal> {
    let mut found: HashMap<String, AskedQuestion> = store
        .questions_by_ids(&ids)
        .await?
        .into_iter()
        .map(|q| (q.id.clone(), q))
        .collect();
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}
