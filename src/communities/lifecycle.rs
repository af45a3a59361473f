//! A community's life: proposed by anyone (or created live by an admin),
//! approved, edited, archived and brought back by its leads, merged.

use crate::auth::Principal;
use crate::domain::{Community, CommunityId, CommunityStatus, Role, SkillId};
use crate::refusal::Refusal;
use crate::store::Store;

/// Whether a new community waits for an admin's approval.
#[derive(Debug, Clone, Copy)]
pub struct Proposals {
    pub need_approval: bool,
}

/// Creates a community: an admin's is live at once; anyone else's is a
/// proposal (unless proposals need no approval), led by its proposer.
/// `community.status` and `proposed_by` are set here.
pub async fn create(
    store: &dyn Store,
    actor: &Principal,
    proposals: Proposals,
    mut community: Community,
    skills: &[SkillId],
) -> Result<Community, Refusal> {
    let admin = actor.has(Role::Admin);
    community.status = if admin || !proposals.need_approval {
        CommunityStatus::Active
    } else {
        CommunityStatus::Proposed
    };
    community.proposed_by =
        if admin {
            None
        } else {
            Some(actor.person_id.clone().ok_or_else(|| {
                Refusal::invalid("only a person or an admin can create a community")
            })?)
        };
    let skills = existing_skills(store, skills).await?;
    Ok(store.create_community(&community, &skills).await?)
}

/// What an edit changes; absent fields are kept.
#[derive(Debug, Default)]
pub struct Edit {
    pub name: Option<String>,
    /// `None` keeps, `Some(None)` clears.
    pub description: Option<Option<String>>,
    pub visibility: Option<crate::domain::Visibility>,
    /// Replaces the community's skills when given.
    pub skills: Option<Vec<SkillId>>,
}

/// Edits a community; the caller has checked the actor may curate it.
pub async fn update(store: &dyn Store, id: &CommunityId, edit: Edit) -> Result<Community, Refusal> {
    let mut c = find(store, id).await?;
    if let Some(name) = edit.name {
        c.name = name;
    }
    if let Some(description) = edit.description {
        c.description = description;
    }
    if let Some(v) = edit.visibility {
        c.visibility = v;
    }
    let skills = match &edit.skills {
        Some(ids) => Some(existing_skills(store, ids).await?),
        None => None,
    };
    Ok(store.update_community(&c, skills.as_deref()).await?)
}

/// Moves a community from `from` to `to` (approve: proposed → active;
/// archive: active → archived; unarchive), refusing any other starting point.
pub async fn move_status(
    store: &dyn Store,
    id: &CommunityId,
    from: CommunityStatus,
    to: CommunityStatus,
) -> Result<Community, Refusal> {
    let current = find(store, id).await?;
    if current.status != from {
        return Err(Refusal::conflict(format!(
            "this community is {}, not {}",
            current.status.as_str(),
            from.as_str()
        )));
    }
    Ok(store.set_community_status(id, to).await?)
}

/// Merges one community into another: members (the higher role, the earlier
/// join date), skills and requests move to the survivor, and the merged
/// id leads there. The caller has checked the actor may curate both.
pub async fn merge(
    store: &dyn Store,
    clock: &crate::domain::Clock,
    survivor: &CommunityId,
    merged: &CommunityId,
) -> Result<Community, Refusal> {
    if survivor == merged {
        return Err(Refusal::invalid("a community cannot be merged into itself"));
    }
    Ok(store
        .merge_communities(survivor, merged, clock.now())
        .await?)
}

async fn find(store: &dyn Store, id: &CommunityId) -> Result<Community, Refusal> {
    store
        .community(id)
        .await?
        .ok_or_else(|| Refusal::not_found(format!("community '{id}'")))
}

/// The skills, all of which must exist.
async fn existing_skills(store: &dyn Store, ids: &[SkillId]) -> Result<Vec<String>, Refusal> {
    let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    let found = store.skills_by_ids(&ids).await?;
    if let Some(missing) = ids.iter().find(|id| !found.iter().any(|s| &s.id == *id)) {
        return Err(Refusal::not_found(format!("skill '{missing}'")));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Visibility;
    use crate::store::testing::{demo, principal};

    fn draft(name: &str) -> Community {
        Community {
            id: CommunityId::generate().into_string(),
            name: name.into(),
            description: None,
            visibility: Visibility::Open,
            status: CommunityStatus::Active,
            proposed_by: None,
        }
    }

    #[tokio::test]
    async fn proposals_wait_for_an_admin_and_moves_start_where_they_should() {
        let (_dir, store) = demo(30).await;
        let store = store.as_ref();
        let rules = Proposals {
            need_approval: true,
        };
        let someone = store
            .list_people(
                &Default::default(),
                &crate::store::PageRequest {
                    first: 1,
                    after: None,
                },
            )
            .await
            .expect("people")
            .items
            .remove(0)
            .1;
        let employee = principal(&someone.id, Role::Employee);
        let proposed = create(store, &employee, rules, draft("Rust guild"), &[])
            .await
            .expect("proposed");
        assert_eq!(proposed.status, CommunityStatus::Proposed);
        assert_eq!(proposed.proposed_by.as_deref(), Some(someone.id.as_str()));
        let id = CommunityId::known(proposed.id.clone());
        // Archiving needs an active community: a proposal is refused.
        let err = move_status(
            store,
            &id,
            CommunityStatus::Active,
            CommunityStatus::Archived,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&err, Refusal::Conflict(m) if m == "this community is proposed, not active"),
            "{err:?}"
        );
        let live = move_status(
            store,
            &id,
            CommunityStatus::Proposed,
            CommunityStatus::Active,
        )
        .await
        .expect("approved");
        assert_eq!(live.status, CommunityStatus::Active);
        // An admin's community is live at once and has no proposer.
        let admin = principal("an-admin", Role::Admin);
        let made = create(store, &admin, rules, draft("Go guild"), &[])
            .await
            .expect("created");
        assert_eq!(made.status, CommunityStatus::Active);
        assert!(made.proposed_by.is_none());
        // Unknown skills are refused before anything is written.
        let err = create(
            store,
            &admin,
            rules,
            draft("Ghost guild"),
            &[SkillId::known("no-such-skill")],
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Refusal::NotFound(_)), "{err:?}");
        let err = merge(store, &Default::default(), &id, &id)
            .await
            .unwrap_err();
        assert!(matches!(err, Refusal::Invalid(_)), "{err:?}");
    }
}
