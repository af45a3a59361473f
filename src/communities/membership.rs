//! Joining a community: nobody becomes a member without agreeing to it.
//! A person joins an open community themselves or asks a closed one; anyone
//! else is invited and joins by accepting; someone who had asked is added
//! at once when a lead invites them.

use crate::auth::{Action, Gate, Principal, Resource, may_see};
use crate::domain::limits::MESSAGE;
use crate::domain::optional_text;
use crate::domain::{
    Clock, Community, CommunityId, CommunityRole, CommunityStatus, JoinRequest, Membership,
    PersonId, RequestId, RequestKind, RequestStatus, Role, Visibility,
};
use crate::store::Store;

use super::Refusal;

/// What adding someone did.
#[derive(Debug)]
pub struct Added {
    /// The membership, when they are a member now (a role change, joining
    /// oneself, or a request to join approved by the invitation).
    pub membership: Option<Membership>,
    /// The invitation sent, or the request it approved.
    pub invitation: Option<JoinRequest>,
}

/// Whether adding `person` as `role` to `community` is curation (for its
/// leads and admins) rather than someone joining an open community themselves.
fn curation_needed(
    actor: &Principal,
    community: Option<&Community>,
    person: &str,
    role: CommunityRole,
) -> bool {
    let open = community.is_some_and(|c| c.visibility == Visibility::Open);
    !(actor.is(person) && role == CommunityRole::Member && open)
}

/// Who is to be added to which community, as what.
#[derive(Debug, Clone)]
pub struct Addition {
    pub community_id: CommunityId,
    pub person_id: PersonId,
    pub role: CommunityRole,
    /// A word to the person, should it become an invitation.
    pub message: Option<String>,
    /// The id an invitation gets.
    pub invitation_id: String,
}

/// Changes a member's role, adds the actor themselves, or invites someone.
/// Anything but joining an open community oneself is curation: the gate
/// asks whether the actor leads the community (or is an admin), before
/// saying whether the community exists.
pub async fn add(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    gate: &dyn Gate,
    addition: Addition,
) -> Result<Added, Refusal> {
    let Addition {
        community_id,
        person_id,
        role,
        message,
        invitation_id,
    } = addition;
    let community = store.community(&community_id).await?;
    if curation_needed(actor, community.as_ref(), &person_id, role) {
        gate.check(Action::CommunityCurate, Resource::Community(&community_id))
            .await?;
    }
    let (community_id, person_id) = (community_id.as_str(), person_id.as_str());
    let community = community.ok_or_else(|| Refusal::NotFound("that community".into()))?;
    let now = clock.now();
    let m = Membership {
        community_id: community_id.to_string(),
        person_id: person_id.to_string(),
        role,
        joined_at: now,
    };
    let member = members(store, community_id)
        .await?
        .iter()
        .any(|x| x.person_id == person_id);
    if !member && community.status != CommunityStatus::Active {
        return Err(Refusal::Conflict(
            "this community is not active: nobody can join it now".into(),
        ));
    }
    if member || actor.is(person_id) {
        return Ok(Added {
            membership: Some(store.set_membership(&m).await?),
            invitation: None,
        });
    }
    // Only people the inviter could find: not those who left or opted out.
    let invitee = store.person(person_id).await?;
    if invitee.is_none_or(|p| !may_see(Some(actor), &p)) {
        return Err(Refusal::NotFound("that person".into()));
    }
    let invitation = JoinRequest {
        id: invitation_id,
        community_id: community_id.to_string(),
        person_id: person_id.to_string(),
        kind: RequestKind::Invitation,
        role,
        invited_by: actor.person_id.clone(),
        message,
        status: RequestStatus::Pending,
        reason: None,
        decided_by: None,
        created_at: now,
        decided_at: None,
    };
    let stored = store.invite_member(&invitation).await?;
    let membership = if stored.status == RequestStatus::Approved {
        members(store, community_id)
            .await?
            .into_iter()
            .find(|x| x.person_id == person_id)
    } else {
        None
    };
    Ok(Added {
        membership,
        invitation: Some(stored),
    })
}

/// Accepts (joining with the role offered) or declines an invitation; only
/// the person invited may, and to anyone else it does not exist.
pub async fn answer(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    invitation_id: &RequestId,
    accept: bool,
    reason: Option<&str>,
) -> Result<JoinRequest, Refusal> {
    let invitation = store
        .join_request(invitation_id)
        .await?
        .filter(|r| r.kind == RequestKind::Invitation && actor.is(&r.person_id))
        .ok_or_else(|| Refusal::NotFound(format!("invitation '{invitation_id}'")))?;
    Ok(store
        .decide_join_request(
            &invitation.id,
            RequestKind::Invitation,
            accept,
            reason,
            &actor.actor(),
            clock.now(),
        )
        .await?)
}

/// What joining did: a member at once (an open community), or a request
/// waiting for the leads (a closed one).
#[derive(Debug)]
pub enum Joined {
    Member(Membership),
    Asked(JoinRequest),
}

/// The actor joins an open community at once, or asks the leads of a closed one.
pub async fn join(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    community_id: &CommunityId,
    message: Option<&str>,
) -> Result<Joined, Refusal> {
    let me = actor
        .person_id
        .clone()
        .ok_or_else(|| Refusal::invalid("only a person can join a community"))?;
    let community = store
        .community(community_id)
        .await?
        .ok_or_else(|| Refusal::not_found(format!("community '{community_id}'")))?;
    if members(store, community_id)
        .await?
        .iter()
        .any(|m| m.person_id == me)
    {
        return Err(Refusal::conflict("you are already a member"));
    }
    if community.status != CommunityStatus::Active {
        return Err(Refusal::conflict(format!(
            "this community is {}: nobody can join it now",
            community.status.as_str()
        )));
    }
    let now = clock.now();
    if community.visibility == Visibility::Open {
        let m = Membership {
            community_id: community_id.to_string(),
            person_id: me,
            role: CommunityRole::Member,
            joined_at: now,
        };
        return Ok(Joined::Member(store.set_membership(&m).await?));
    }
    // Only a request to a closed community carries the message to its leads.
    let message = optional_text("message", message, MESSAGE)?;
    let request = JoinRequest {
        id: RequestId::generate().into_string(),
        community_id: community_id.to_string(),
        person_id: me,
        kind: RequestKind::Join,
        role: CommunityRole::Member,
        invited_by: None,
        message,
        status: RequestStatus::Pending,
        reason: None,
        decided_by: None,
        created_at: now,
        decided_at: None,
    };
    Ok(Joined::Asked(store.create_join_request(&request).await?))
}

/// The actor leaves a community; its last lead must hand over first (the
/// store refuses, in the same transaction, a change that leaves it unled).
pub async fn leave(
    store: &dyn Store,
    actor: &Principal,
    community_id: &CommunityId,
) -> Result<PersonId, Refusal> {
    let me = actor
        .person_id
        .clone()
        .ok_or_else(|| Refusal::invalid("only a person can leave a community"))?;
    store.remove_membership(community_id, &me).await?;
    Ok(PersonId::known(me))
}

/// Removes a member: anyone else than oneself is curation, for the
/// community's leads and admins.
pub async fn remove(
    store: &dyn Store,
    actor: &Principal,
    gate: &dyn Gate,
    community_id: &CommunityId,
    person_id: &PersonId,
) -> Result<(), Refusal> {
    if !actor.is(person_id) {
        gate.check(Action::CommunityCurate, Resource::Community(community_id))
            .await?;
    }
    store.remove_membership(community_id, person_id).await?;
    Ok(())
}

/// A lead approves a request to join (the person becomes a member) or
/// declines it with a reason the person is told. Anyone who may not curate
/// the request's community is refused alike whether or not it exists.
pub async fn decide(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    gate: &dyn Gate,
    request_id: &RequestId,
    approve: bool,
    reason: Option<&str>,
) -> Result<JoinRequest, Refusal> {
    let request = store.join_request(request_id).await?;
    let community = request.as_ref().map_or("", |r| r.community_id.as_str());
    gate.check(Action::CommunityCurate, Resource::Community(community))
        .await?;
    let request = request
        .filter(|r| r.kind == RequestKind::Join)
        .ok_or_else(|| Refusal::not_found(format!("request '{request_id}'")))?;
    // Checked only for someone who may decide, so a refusal tells nothing.
    let reason = optional_text("reason", reason, MESSAGE)?;
    let reason = reason.as_deref();
    if !approve && reason.is_none() {
        return Err(Refusal::invalid(
            "give a reason when declining: the person asking is told it",
        ));
    }
    Ok(store
        .decide_join_request(
            &request.id,
            RequestKind::Join,
            approve,
            reason,
            &actor.actor(),
            clock.now(),
        )
        .await?)
}

/// The requests waiting for `actor` to decide, oldest first: in the
/// communities they lead, or (at most 200) everywhere for an admin.
pub async fn inbox(store: &dyn Store, actor: &Principal) -> Result<Vec<JoinRequest>, Refusal> {
    Ok(if actor.has(Role::Admin) {
        store.all_pending_requests(200).await?
    } else {
        store.pending_requests(&actor.leads).await?
    })
}

/// Invitations waiting for `actor`'s answer, oldest first.
pub async fn invitations(
    store: &dyn Store,
    actor: &Principal,
) -> Result<Vec<JoinRequest>, Refusal> {
    match actor.person_id.as_deref() {
        Some(me) => Ok(store.invitations_for(me).await?),
        None => Ok(vec![]),
    }
}

async fn members(store: &dyn Store, community_id: &str) -> Result<Vec<Membership>, Refusal> {
    Ok(store
        .members_of_communities(std::slice::from_ref(&community_id.to_string()))
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{PersonStatus, Role};
    use crate::store::testing::{demo, first_community, people_with, principal as person};

    #[tokio::test]
    async fn someone_else_joins_only_by_accepting() {
        let (_dir, store) = demo(40).await;
        let store = store.as_ref();
        let clock = Clock::default();
        let community = first_community(store).await;
        let before: Vec<String> = members(store, &community.id)
            .await
            .expect("members")
            .into_iter()
            .map(|m| m.person_id)
            .collect();
        let outsider = people_with(store, PersonStatus::Active, 100)
            .await
            .into_iter()
            .find(|p| p.discoverable && !before.contains(&p.id))
            .expect("someone outside the community");
        let admin = person("nobody-in-particular", Role::Admin);
        let added = add(
            store,
            &clock,
            &admin,
            &admin,
            Addition {
                community_id: CommunityId::known(community.id.clone()),
                person_id: PersonId::known(outsider.id.clone()),
                role: CommunityRole::Expert,
                message: Some("join us".into()),
                invitation_id: "inv-t".into(),
            },
        )
        .await
        .expect("invited");
        assert!(added.membership.is_none(), "not a member before accepting");
        let invitation = added.invitation.expect("an invitation");
        assert_eq!(invitation.status, RequestStatus::Pending);
        // Nobody else may answer it, and to them it does not exist.
        let err = answer(
            store,
            &clock,
            &admin,
            &RequestId::known("inv-t"),
            true,
            None,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Refusal::NotFound(_)), "{err:?}");
        let them = person(&outsider.id, Role::Employee);
        let accepted = answer(store, &clock, &them, &RequestId::known("inv-t"), true, None)
            .await
            .expect("accepted");
        assert_eq!(accepted.status, RequestStatus::Approved);
        let now_members = members(store, &community.id).await.expect("members");
        let joined = now_members
            .iter()
            .find(|m| m.person_id == outsider.id)
            .expect("joined");
        assert_eq!(joined.role, CommunityRole::Expert);
        // Joining an open community oneself needs no curation; inviting does.
        assert!(curation_needed(
            &them,
            Some(&community),
            &outsider.id,
            CommunityRole::Lead
        ));
        assert!(curation_needed(
            &them,
            Some(&community),
            "someone-else",
            CommunityRole::Member
        ));
    }

    #[tokio::test]
    async fn only_curators_remove_others_or_decide_and_a_refusal_hides_existence() {
        let (_dir, store) = demo(40).await;
        let store = store.as_ref();
        let clock = Clock::default();
        let community = first_community(store).await;
        let people = members(store, &community.id).await.expect("members");
        let plain: Vec<&Membership> = people
            .iter()
            .filter(|m| m.role == CommunityRole::Member)
            .collect();
        let (me, them) = (plain[0], plain[1]);
        let colleague = person(&me.person_id, Role::Employee);
        let cid = CommunityId::known(community.id.clone());
        let err = remove(
            store,
            &colleague,
            &colleague,
            &cid,
            &PersonId::known(them.person_id.clone()),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Refusal::Forbidden), "{err:?}");
        assert_eq!(
            members(store, &community.id).await.expect("members").len(),
            people.len()
        );
        let err = decide(
            store,
            &clock,
            &colleague,
            &colleague,
            &RequestId::known("jr-nowhere"),
            true,
            None,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Refusal::Forbidden), "{err:?}");
        let admin = person("nobody-in-particular", Role::Admin);
        let err = decide(
            store,
            &clock,
            &admin,
            &admin,
            &RequestId::known("jr-nowhere"),
            true,
            None,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Refusal::NotFound(_)), "{err:?}");
        // Leaving oneself needs nobody's leave.
        remove(
            store,
            &colleague,
            &colleague,
            &cid,
            &PersonId::known(me.person_id.clone()),
        )
        .await
        .expect("left");
    }
}
