//! What an interview captures: questions, answers, the topics it covers and
//! the successors named for them. The store refuses each write unless the
//! editability table allows it in the interview's status at that moment.
//! Each returns the interview as it was loaded, before the write.

use crate::domain::QuestionSetId;
use crate::domain::limits::{AT_ONCE, LONG_TEXT};
use crate::domain::{
    Clock, Interview, InterviewId, PersonId, PersonStatus, SkillId, Successor, optional_text,
};
use crate::refusal::Refusal;
use crate::store::Store;

use super::{Sources, load, new_questions};

/// Adds questions: typed in, from a question set, or generated afresh.
pub async fn add_questions(
    store: &dyn Store,
    clock: &Clock,
    id: &InterviewId,
    texts: &[String],
    question_set: Option<QuestionSetId>,
    generate: bool,
) -> Result<Interview, Refusal> {
    let i = load(store, id).await?;
    let sets: Vec<QuestionSetId> = question_set.into_iter().collect();
    let qs = new_questions(
        store,
        clock,
        Sources {
            sets: &sets,
            generate_for: i.person_id.as_deref().filter(|_| generate),
            texts,
        },
    )
    .await?;
    if qs.is_empty() {
        return Err(Refusal::invalid("no questions to add"));
    }
    store.add_questions(&i.id, &qs, clock.now()).await?;
    Ok(i)
}

/// Records answers by question position (`None` clears one), while the
/// interview is in progress.
pub async fn answer(
    store: &dyn Store,
    clock: &Clock,
    id: &InterviewId,
    answers: &[(i32, Option<String>)],
) -> Result<Interview, Refusal> {
    let i = load(store, id).await?;
    if answers.is_empty() || answers.len() > AT_ONCE {
        return Err(Refusal::invalid(format!(
            "give between 1 and {AT_ONCE} answers"
        )));
    }
    let answers = answers
        .iter()
        .map(|(position, answer)| {
            let position = u32::try_from(*position)
                .ok()
                .filter(|p| *p >= 1)
                .ok_or_else(|| Refusal::invalid("position must be 1 or more"))?;
            let answer =
                optional_text(&format!("answer {position}"), answer.as_deref(), LONG_TEXT)?;
            Ok((position, answer))
        })
        .collect::<Result<Vec<_>, Refusal>>()?;
    store.answer_questions(&i.id, &answers, clock.now()).await?;
    Ok(i)
}

/// Replaces the skills the interview covers (successors for dropped topics
/// go too); every skill must exist.
pub async fn set_topics(
    store: &dyn Store,
    clock: &Clock,
    id: &InterviewId,
    skills: Vec<SkillId>,
) -> Result<Interview, Refusal> {
    let i = load(store, id).await?;
    let mut ids: Vec<String> = skills.into_iter().map(SkillId::into_string).collect();
    ids.sort();
    ids.dedup();
    if ids.len() > AT_ONCE {
        return Err(Refusal::invalid(format!("at most {AT_ONCE} topics")));
    }
    let found = store.skills_by_ids(&ids).await?;
    if let Some(missing) = ids.iter().find(|s| !found.iter().any(|k| &k.id == *s)) {
        return Err(Refusal::not_found(format!("skill '{missing}'")));
    }
    store.set_topics(&i.id, &ids, clock.now()).await?;
    Ok(i)
}

/// Names a successor for a topic ("ask them about it now"): not the leaver,
/// not someone who has left; the topic is added when missing.
pub async fn name_successor(
    store: &dyn Store,
    clock: &Clock,
    id: &InterviewId,
    skill: SkillId,
    person: PersonId,
    note: Option<&str>,
) -> Result<Interview, Refusal> {
    let i = load(store, id).await?;
    if i.person_id.as_deref() == Some(person.as_str()) {
        return Err(Refusal::invalid("the leaver cannot be their own successor"));
    }
    match store.person(&person).await? {
        None => return Err(Refusal::not_found(format!("person '{person}'"))),
        Some(p) if p.status == PersonStatus::Left => {
            return Err(Refusal::invalid(format!(
                "{} has left and cannot be a successor",
                p.name
            )));
        }
        Some(_) => {}
    }
    if store.skill(&skill).await?.is_none() {
        return Err(Refusal::not_found(format!("skill '{skill}'")));
    }
    let successor = Successor {
        interview_id: i.id.clone(),
        skill_id: skill.into_string(),
        person_id: person.into_string(),
        note: optional_text("note", note, LONG_TEXT)?,
    };
    store.set_successor(&successor, clock.now()).await?;
    Ok(i)
}

/// Removes a successor named for a topic.
pub async fn remove_successor(
    store: &dyn Store,
    clock: &Clock,
    id: &InterviewId,
    skill: &SkillId,
    person: &PersonId,
) -> Result<Interview, Refusal> {
    let i = load(store, id).await?;
    store
        .remove_successor(&i.id, skill, person, clock.now())
        .await?;
    Ok(i)
}
