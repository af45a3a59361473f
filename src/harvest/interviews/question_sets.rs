//! HR's question sets: reusable lists of questions to open an interview with.

use crate::domain::limits::NAME;
use crate::domain::{Clock, QuestionSet, QuestionSetId, required_text};
use crate::refusal::Refusal;
use crate::store::Store;

use super::question_texts;

/// The set as it will be stored: a name and at least one question, checked.
fn question_set(
    clock: &Clock,
    id: QuestionSetId,
    name: &str,
    questions: &[String],
) -> Result<QuestionSet, Refusal> {
    let questions = question_texts(questions)?;
    if questions.is_empty() {
        return Err(Refusal::invalid(
            "a question set needs at least one question",
        ));
    }
    Ok(QuestionSet {
        id: id.into_string(),
        name: required_text("name", name, NAME)?,
        questions,
        updated_at: clock.now(),
    })
}

/// Creates a question set under a new id.
pub async fn create_question_set(
    store: &dyn Store,
    clock: &Clock,
    name: &str,
    questions: &[String],
) -> Result<QuestionSet, Refusal> {
    let set = question_set(clock, QuestionSetId::generate(), name, questions)?;
    Ok(store.save_question_set(&set, false).await?)
}

/// Replaces question set `id`'s name and questions.
pub async fn update_question_set(
    store: &dyn Store,
    clock: &Clock,
    id: QuestionSetId,
    name: &str,
    questions: &[String],
) -> Result<QuestionSet, Refusal> {
    let set = question_set(clock, id, name, questions)?;
    Ok(store.save_question_set(&set, true).await?)
}

/// Deletes question set `id` (interviews keep the questions they took from it).
pub async fn delete_question_set(store: &dyn Store, id: &QuestionSetId) -> Result<(), Refusal> {
    Ok(store.delete_question_set(id).await?)
}
