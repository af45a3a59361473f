//! Whom to suggest to a community's leads: people the ranking finds for the
//! community's skills, name and description, who are not members and are
//! not on their way out.

use std::collections::HashSet;

use crate::domain::{Community, Person, PersonStatus};
use crate::refusal::Refusal;
use crate::store::Store;

/// What to search for, and whom to leave out.
#[derive(Debug, Clone)]
pub struct Search {
    /// The community's skills, then its name and description, at most
    /// `max_chars` characters (the ranking's question limit).
    pub text: String,
    /// Its members now.
    pub members: HashSet<String>,
}

/// The search that finds people for `community`.
pub async fn search_for(
    store: &dyn Store,
    community: &Community,
    max_chars: usize,
) -> Result<Search, Refusal> {
    let ids = [community.id.clone()];
    let members = store
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
    Ok(Search {
        text: text.chars().take(max_chars).collect(),
        members,
    })
}

/// Whether someone the ranking found may be suggested: only people who are
/// staying (someone leaving would take the knowledge with them).
pub fn suggestible(person: &Person) -> bool {
    person.status == PersonStatus::Active
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{demo, first_community};

    #[tokio::test]
    async fn the_search_names_the_skills_and_the_community_and_knows_its_members() {
        let (_dir, store) = demo(60).await;
        let store = store.as_ref();
        let community = first_community(store).await;
        let s = search_for(store, &community, 500).await.expect("search");
        assert!(s.text.contains(&community.name), "{}", s.text);
        assert!(s.text.chars().count() <= 500);
        assert!(!s.members.is_empty());
        let short = search_for(store, &community, 5).await.expect("search");
        assert_eq!(short.text.chars().count(), 5);
    }
}
