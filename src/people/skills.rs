//! The skills a person holds, and colleagues vouching for them.

use chrono::NaiveDate;

use crate::auth::{Principal, Resource};
use crate::domain::{Clock, Endorsement, Level, PersonId, PersonSkill, SkillId, SkillSource};
use crate::store::Store;

use super::{Gate, Refusal};

/// A skill on a person, at a level, as someone says.
#[derive(Debug, Clone)]
pub struct Holding {
    pub person_id: PersonId,
    pub skill_id: SkillId,
    pub level: Level,
    pub source: SkillSource,
    pub last_used: Option<NaiveDate>,
}

/// Adds a skill to a person, or changes its level and source; both must
/// exist. The caller has checked the actor may edit the person (and name a
/// source other than the person themselves).
pub async fn set(store: &dyn Store, holding: Holding) -> Result<PersonSkill, Refusal> {
    if store.person(&holding.person_id).await?.is_none() {
        return Err(Refusal::not_found(format!(
            "person '{}'",
            holding.person_id
        )));
    }
    if store.skill(&holding.skill_id).await?.is_none() {
        return Err(Refusal::not_found(format!("skill '{}'", holding.skill_id)));
    }
    let ps = PersonSkill {
        person_id: holding.person_id.into_string(),
        skill_id: holding.skill_id.into_string(),
        level: holding.level,
        source: holding.source,
        last_used: holding.last_used,
    };
    Ok(store.set_person_skill(&ps).await?)
}

/// Takes a skill off a person; the caller has checked the actor may edit them.
pub async fn remove(store: &dyn Store, person: &PersonId, skill: &SkillId) -> Result<(), Refusal> {
    Ok(store.remove_person_skill(person, skill).await?)
}

/// A colleague vouches for someone's skill: the signed-in person, unless
/// `endorser` names someone else (only admins may). Nobody endorses
/// themselves. Returns the skill as it stands on the person now.
pub async fn endorse(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    gate: &dyn Gate,
    person: &PersonId,
    skill: &SkillId,
    endorser: Option<PersonId>,
) -> Result<PersonSkill, Refusal> {
    let endorser = endorser_of(actor, gate, endorser).await?;
    if &endorser == person {
        return Err(Refusal::invalid("you cannot endorse your own skill"));
    }
    if store.person(&endorser).await?.is_none() {
        return Err(Refusal::not_found(format!("person '{endorser}'")));
    }
    let e = Endorsement {
        person_id: person.to_string(),
        skill_id: skill.to_string(),
        endorser_id: endorser.into_string(),
        created_at: clock.now(),
    };
    store.endorse(&e).await?;
    skill_now(store, person, skill).await
}

/// Who vouches: `endorser` when given (in someone else's name only for
/// those allowed, through the gate), else the signed-in person.
async fn endorser_of(
    actor: &Principal,
    gate: &dyn Gate,
    endorser: Option<PersonId>,
) -> Result<PersonId, Refusal> {
    let me = actor.person_id.as_deref();
    let endorser = match (endorser, me) {
        (Some(id), _) => id,
        (None, Some(me)) => PersonId::known(me),
        (None, None) => {
            return Err(Refusal::invalid(
                "give endorserId: this credential is not a person",
            ));
        }
    };
    if me != Some(endorser.as_str()) {
        gate.check(
            crate::auth::Action::EndorseAsOther,
            Resource::Person(&endorser),
        )
        .await?;
    }
    Ok(endorser)
}

/// Takes back an endorsement: one's own, or (for those allowed) one given in
/// someone else's name. The skill as it now stands.
pub async fn withdraw_endorsement(
    store: &dyn Store,
    actor: &Principal,
    gate: &dyn Gate,
    person: &PersonId,
    skill: &SkillId,
    endorser: Option<PersonId>,
) -> Result<PersonSkill, Refusal> {
    let endorser = endorser_of(actor, gate, endorser).await?;
    store.withdraw_endorsement(person, skill, &endorser).await?;
    skill_now(store, person, skill).await
}

/// The skill as it stands on the person now, endorsements included.
async fn skill_now(
    store: &dyn Store,
    person: &PersonId,
    skill: &SkillId,
) -> Result<PersonSkill, Refusal> {
    store
        .skills_of_people(&[person.to_string()])
        .await?
        .into_iter()
        .find(|s| s.skill_id == skill.as_str())
        .ok_or_else(|| Refusal::not_found("that skill on that person"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::people::staff;
    use crate::store::testing::{demo, principal};

    #[tokio::test]
    async fn nobody_endorses_themselves_nor_in_someone_elses_name() {
        let (_dir, store) = demo(20).await;
        let store = store.as_ref();
        let clock = Clock::default();
        let people = staff(store, 3).await;
        let held = store
            .skills_of_people(&[people[0].id.clone()])
            .await
            .expect("skills")
            .remove(0);
        let (holder, skill) = (
            PersonId::known(&held.person_id),
            SkillId::known(&held.skill_id),
        );
        let me = principal(&held.person_id, Role::Employee);
        let err = endorse(store, &clock, &me, &me, &holder, &skill, None)
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "you cannot endorse your own skill");

        let colleague = principal(&people[1].id, Role::Employee);
        let other = Some(PersonId::known(&people[2].id));
        let err = endorse(
            store,
            &clock,
            &colleague,
            &colleague,
            &holder,
            &skill,
            other.clone(),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Refusal::Forbidden), "{err:?}");
        let admin = principal(&people[1].id, Role::Admin);
        let err = endorse(
            store,
            &clock,
            &admin,
            &admin,
            &holder,
            &skill,
            Some(holder.clone()),
        )
        .await
        .unwrap_err();
        assert_eq!(err.to_string(), "you cannot endorse your own skill");

        let ps = endorse(store, &clock, &colleague, &colleague, &holder, &skill, None)
            .await
            .expect("a colleague may");
        assert_eq!(ps.skill_id, held.skill_id);
        endorse(store, &clock, &admin, &admin, &holder, &skill, other)
            .await
            .expect("an admin, in someone's name");

        let nobody = crate::auth::Principal::system();
        let err = endorse(store, &clock, &nobody, &nobody, &holder, &skill, None)
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "give endorserId: this credential is not a person"
        );
    }

    #[tokio::test]
    async fn a_skill_is_set_on_people_and_skills_that_exist() {
        let (_dir, store) = demo(10).await;
        let store = store.as_ref();
        let people = staff(store, 1).await;
        let skill = store
            .skills_of_people(&[people[0].id.clone()])
            .await
            .expect("skills")[0]
            .skill_id
            .clone();
        let holding = |person: &str, skill: &str| Holding {
            person_id: PersonId::known(person),
            skill_id: SkillId::known(skill),
            level: Level::new(5).expect("level"),
            source: SkillSource::SelfDeclared,
            last_used: None,
        };
        let err = set(store, holding("nobody", &skill)).await.unwrap_err();
        assert_eq!(err.to_string(), "person 'nobody' not found");
        let err = set(store, holding(&people[0].id, "s-none"))
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "skill 's-none' not found");
        let ps = set(store, holding(&people[0].id, &skill))
            .await
            .expect("set");
        assert_eq!(ps.level, Level::new(5).expect("level"));
        remove(
            store,
            &PersonId::known(&people[0].id),
            &SkillId::known(&skill),
        )
        .await
        .expect("removed");
    }
}
