//! The skill taxonomy: every skill named as broader or related must exist,
//! a skill has at most [`ALIASES`] aliases, and nothing merges into itself.

use crate::domain::limits::{ALIASES, NAME};
use crate::domain::{Skill, SkillId, required_text};
use crate::store::Store;

use super::Refusal;

/// A new skill, its fields checked on their own.
#[derive(Debug, Clone)]
pub struct NewSkill {
    pub id: SkillId,
    pub name: String,
    pub description: Option<String>,
    pub aliases: Vec<String>,
    pub broader_id: Option<SkillId>,
    pub related_ids: Vec<SkillId>,
}

pub async fn create(store: &dyn Store, new: NewSkill) -> Result<Skill, Refusal> {
    let related = ids(&new.related_ids);
    exist(store, &related).await?;
    let skill = Skill {
        id: new.id.into_string(),
        name: new.name,
        description: new.description,
        broader_id: new.broader_id.map(String::from),
    };
    exist(store, skill.broader_id.as_slice()).await?;
    let aliases = aliases(&new.aliases)?;
    Ok(store.create_skill(&skill, &aliases, &related).await?)
}

/// What an edit changes: `None` keeps; `Some(None)` clears an optional
/// field; lists given replace the current ones.
#[derive(Debug, Clone, Default)]
pub struct Edit {
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub aliases: Option<Vec<String>>,
    pub broader_id: Option<Option<SkillId>>,
    pub related_ids: Option<Vec<SkillId>>,
}

pub async fn update(store: &dyn Store, id: &SkillId, edit: Edit) -> Result<Skill, Refusal> {
    let mut skill = store
        .skill(id)
        .await?
        .ok_or_else(|| Refusal::not_found(format!("skill '{id}'")))?;
    if let Some(name) = edit.name {
        skill.name = name;
    }
    if let Some(description) = edit.description {
        skill.description = description;
    }
    if let Some(broader) = edit.broader_id {
        skill.broader_id = broader.map(String::from);
    }
    exist(store, skill.broader_id.as_slice()).await?;
    let aliases = edit.aliases.as_deref().map(aliases).transpose()?;
    let related = edit.related_ids.as_deref().map(ids);
    if let Some(r) = &related {
        exist(store, r).await?;
    }
    Ok(store
        .update_skill(&skill, aliases.as_deref(), related.as_deref())
        .await?)
}

/// Merges `merged` into `survivor`: aliases, holders, endorsements,
/// communities, evidence tags and taxonomy links all move to the survivor.
pub async fn merge(
    store: &dyn Store,
    survivor: &SkillId,
    merged: &SkillId,
) -> Result<Skill, Refusal> {
    if survivor == merged {
        return Err(Refusal::invalid("a skill cannot be merged into itself"));
    }
    Ok(store.merge_skills(survivor, merged).await?)
}

fn aliases(list: &[String]) -> Result<Vec<String>, Refusal> {
    if list.len() > ALIASES {
        return Err(Refusal::invalid(format!(
            "a skill has at most {ALIASES} aliases"
        )));
    }
    Ok(list
        .iter()
        .map(|a| required_text("alias", a, NAME))
        .collect::<Result<_, _>>()?)
}

fn ids(list: &[SkillId]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Refuses unless every skill in `ids` exists.
async fn exist(store: &dyn Store, ids: &[String]) -> Result<(), Refusal> {
    let found = store.skills_by_ids(ids).await?;
    match ids.iter().find(|id| !found.iter().any(|s| &s.id == *id)) {
        Some(missing) => Err(Refusal::not_found(format!("skill '{missing}'"))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::demo;

    fn new_skill(id: &str) -> NewSkill {
        NewSkill {
            id: SkillId::known(id),
            name: format!("Skill {id}"),
            description: None,
            aliases: vec![format!("another name for {id}")],
            broader_id: None,
            related_ids: vec![],
        }
    }

    #[tokio::test]
    async fn nothing_merges_into_itself() {
        let (_dir, store) = demo(10).await;
        let store = store.as_ref();
        let a = create(store, new_skill("s-a")).await.expect("created");
        let err = merge(store, &SkillId::known(&a.id), &SkillId::known(&a.id))
            .await
            .unwrap_err();
        assert!(matches!(err, Refusal::Invalid(_)), "{err:?}");
        assert_eq!(err.to_string(), "a skill cannot be merged into itself");
        create(store, new_skill("s-b")).await.expect("created");
        let survivor = merge(store, &SkillId::known("s-a"), &SkillId::known("s-b"))
            .await
            .expect("merged");
        assert_eq!(survivor.id, "s-a");
        assert!(store.skill("s-b").await.expect("read").is_none());
    }

    #[tokio::test]
    async fn linked_skills_exist_and_aliases_are_few() {
        let (_dir, store) = demo(10).await;
        let store = store.as_ref();
        let mut s = new_skill("s-c");
        s.related_ids = vec![SkillId::known("s-none")];
        let err = create(store, s).await.unwrap_err();
        assert_eq!(err.to_string(), "skill 's-none' not found");
        let mut s = new_skill("s-c");
        s.aliases = (0..=ALIASES).map(|i| format!("alias {i}")).collect();
        let err = create(store, s).await.unwrap_err();
        assert_eq!(err.to_string(), "a skill has at most 50 aliases");
        create(store, new_skill("s-c")).await.expect("created");
        let edit = Edit {
            broader_id: Some(Some(SkillId::known("s-none"))),
            ..Default::default()
        };
        let err = update(store, &SkillId::known("s-c"), edit)
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "skill 's-none' not found");
        let err = update(store, &SkillId::known("s-gone"), Edit::default())
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "skill 's-gone' not found");
    }
}
