//! What a person says about themselves: summary, languages, "ask me about"
//! topics and working hours. Topics that name a skill (by its name or an
//! alias, as imports match them) link the person to it in the graph as a
//! self-declared claim; every topic's words make them findable by text.

use crate::domain::{PersonId, Profile, SkillKey, WorkingHours};
use crate::store::{ProfileChange, Store};

use super::Refusal;

/// What an edit changes: `None` keeps a part; each value is checked already.
#[derive(Debug, Clone, Default)]
pub struct ProfileEdit {
    pub summary: Option<Option<String>>,
    pub languages: Option<Vec<String>>,
    pub ask_me_about: Option<Vec<String>>,
    pub hours: Option<Option<WorkingHours>>,
}

/// Saves the edit to `id`'s profile; the caller has checked the actor may.
/// The skills the topics name are looked up now, so a topic links to a
/// skill that exists when it is saved.
pub async fn update(
    store: &dyn Store,
    id: &PersonId,
    edit: ProfileEdit,
) -> Result<Profile, Refusal> {
    let id = id.as_str();
    if store.person(id).await?.is_none() {
        return Err(Refusal::not_found(format!("person '{id}'")));
    }
    let ask_me_about = match edit.ask_me_about {
        Some(topics) => {
            let skills = skills_named(store, &topics).await?;
            Some((topics, skills))
        }
        None => None,
    };
    let change = ProfileChange {
        summary: edit.summary,
        languages: edit.languages,
        ask_me_about,
        hours: edit.hours,
    };
    Ok(store.update_profile(id, &change).await?.profile)
}

/// The skills `topics` name, in topic order, each once.
async fn skills_named(store: &dyn Store, topics: &[String]) -> Result<Vec<String>, Refusal> {
    let keys: Vec<String> = topics
        .iter()
        .map(|t| SkillKey::of(t).into_string())
        .collect();
    let found = store.skills_by_keys(&keys).await?;
    let mut ids: Vec<String> = Vec::new();
    for key in &keys {
        for (k, skill) in &found {
            if k == key && !ids.contains(skill) {
                ids.push(skill.clone());
            }
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;
    use crate::people::staff;
    use crate::store::testing::demo;

    #[tokio::test]
    async fn topics_that_name_a_skill_link_to_it_and_the_rest_is_kept() {
        let (_dir, store) = demo(10).await;
        let store = store.as_ref();
        let me = staff(store, 1).await.remove(0);
        let id = PersonId::known(me.id.clone());
        let skill = store
            .list_skills(
                None,
                &crate::store::PageRequest {
                    first: 1,
                    after: None,
                },
            )
            .await
            .expect("skills")
            .items
            .remove(0)
            .1;
        let edit = ProfileEdit {
            summary: Some(Some("Records and retention.".into())),
            languages: Some(vec!["Irish".into()]),
            ask_me_about: Some(vec![skill.name.to_uppercase(), "Sourdough".into()]),
            hours: Some(Some(
                WorkingHours::parse("08:00", "16:00", &[Weekday::Mon]).expect("hours"),
            )),
        };
        let saved = update(store, &id, edit).await.expect("saved");
        assert_eq!(saved.languages, ["Irish"]);
        let stored = store
            .profiles_of(std::slice::from_ref(&me.id))
            .await
            .expect("read");
        assert_eq!(stored[0].1.ask_skill_ids, std::slice::from_ref(&skill.id));
        assert_eq!(stored[0].1.profile, saved);
        // Only what an edit names changes.
        let summary_only = ProfileEdit {
            summary: Some(None),
            ..Default::default()
        };
        let p = update(store, &id, summary_only).await.expect("saved");
        assert_eq!((p.summary, p.languages), (None, saved.languages));
        let nobody = update(store, &PersonId::known("nobody"), ProfileEdit::default()).await;
        assert!(matches!(nobody, Err(Refusal::NotFound(_))), "{nobody:?}");
    }
}
