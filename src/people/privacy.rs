//! A person's rights over their data: a copy of everything Tacit holds
//! about them, and erasure on request. Both are audited.

use serde_json::{Value, json};

use crate::auth::{Action, Principal, Resource, authorize};
use crate::domain::limits::RUN_REASON;
use crate::domain::{AuditEvent, Clock, Interview, PersonId, required_text};
use crate::refusal::Refusal;
use crate::store::{Erasure, EvidenceFilter, PageRequest, Store};

/// Everything Tacit holds about the signed-in person, as JSON: profile,
/// skills, endorsements given and received, memberships, evidence, roles,
/// tokens, interviews about them (with their own words) and where they were
/// named successor, and the audit entries about them. Audited as
/// `person.export`.
pub async fn export(store: &dyn Store, clock: &Clock, actor: &Principal) -> Result<Value, Refusal> {
    let id = actor.person_id.clone().ok_or(Refusal::Forbidden)?;
    let ids = std::slice::from_ref(&id);
    let person = store
        .person(&id)
        .await?
        .ok_or_else(|| Refusal::not_found("person"))?;
    let mut evidence = Vec::new();
    let mut page = PageRequest {
        first: 500,
        after: None,
    };
    let filter = EvidenceFilter {
        author_id: Some(id.clone()),
        skill_id: None,
    };
    loop {
        let result = store.list_evidence(&filter, &page).await?;
        page.after = result.items.last().map(|(c, _)| c.clone());
        evidence.extend(result.items.into_iter().map(|(_, e)| e));
        if !result.has_next {
            break;
        }
    }
    let tokens: Vec<_> = store
        .api_tokens()
        .await?
        .into_iter()
        .filter(|t| t.person_id.as_deref() == Some(id.as_str()))
        .collect();
    let interviews = store.interviews_of_people(ids).await?;
    let interview_ids: Vec<String> = interviews.iter().map(|i| i.id.clone()).collect();
    let questions = store.questions_of(&interview_ids).await?;
    let named: Vec<_> = store
        .successors_named(&id)
        .await?
        .into_iter()
        .map(|s| json!({ "interviewId": s.interview_id, "skillId": s.skill_id }))
        .collect();
    let asked = store.questions_asked_by(&id, 10_000).await?;
    let routed = store.questions_for(&id, 10_000).await?;
    let mut question_ids = asked.clone();
    question_ids.extend(routed.iter().cloned());
    question_ids.sort();
    question_ids.dedup();
    let asked_questions: Vec<Value> = store
        .questions_by_ids(&question_ids)
        .await?
        .into_iter()
        .filter(|q| q.asker_id == id)
        .map(|q| {
            json!({
                "id": q.id, "text": q.text, "visibility": q.visibility, "status": q.status,
                "skillIds": q.skill_ids, "createdAt": q.created_at, "closedAt": q.closed_at,
            })
        })
        .collect();
    let routes_to_me: Vec<Value> = store
        .routes_of(&routed)
        .await?
        .into_iter()
        .filter(|r| r.person_id == id)
        .map(|r| {
            json!({
                "questionId": r.question_id, "state": r.state, "reason": r.reason,
                "note": r.note, "routedAt": r.routed_at, "respondedAt": r.responded_at,
            })
        })
        .collect();
    let answers: Vec<Value> = store
        .answers_of(&question_ids)
        .await?
        .into_iter()
        .filter(|a| a.author_id == id)
        .map(|a| json!({ "id": a.id, "questionId": a.question_id, "text": a.text, "createdAt": a.created_at }))
        .collect();
    let scim = store.scim_accounts(ids).await?.into_iter().next().map(|a| {
        json!({
            "userName": a.user_name, "externalId": a.external_id, "givenName": a.given_name,
            "familyName": a.family_name, "employeeNumber": a.employee_number,
        })
    });
    let data = json!({
        "exportedAt": clock.now(),
        "questionsAsked": asked_questions,
        "questionsRoutedToMe": routes_to_me,
        "answersWritten": answers,
        "provisioning": scim,
        "interviews": interviews.iter().map(Interview::leaver_view).collect::<Vec<_>>(),
        "interviewQuestions": questions,
        "namedSuccessorFor": named,
        "person": person,
        "profile": store.profiles_of(ids).await?.into_iter().next().map(|(_, p)| p.profile),
        "skills": store.skills_of_people(ids).await?,
        "endorsementsReceived": store.endorsements_of_people(ids).await?,
        "endorsementsGiven": store.endorsements_given(&id).await?,
        "memberships": store.memberships_of_people(ids).await?,
        "evidence": evidence,
        "roleGrants": store.role_grants(ids).await?.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
        "apiTokens": tokens,
        "auditEntriesAboutMe": store.audit_page(&crate::store::AuditFilter::about(format!("person:{id}")), None, 1000).await?,
    });
    let event = AuditEvent::new(actor.actor(), "person.export", Some(format!("person:{id}")));
    store.audit(&event).await?;
    Ok(data)
}

/// Erases `person` on request: profile, skills, memberships, endorsements,
/// authorship and credentials go; interview records stay under retention.
/// Nobody erases themselves (another admin must). Audited as
/// `person.erase` with the reason, in the same transaction.
pub async fn erase(
    store: &dyn Store,
    actor: &Principal,
    person: &PersonId,
    reason: &str,
) -> Result<Erasure, Refusal> {
    authorize(actor, Action::PersonErase, Resource::Any)?;
    let reason = required_text("reason", reason, RUN_REASON)?;
    if actor.is(person) {
        return Err(Refusal::invalid(
            "ask another admin to erase your own profile",
        ));
    }
    let event = AuditEvent::new(
        actor.actor(),
        "person.erase",
        Some(format!("person:{person}")),
    )
    .detail(json!({ "reason": reason }));
    Ok(store.erase_person(person, &event).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::people::staff;
    use crate::store::testing::{demo, principal};

    #[tokio::test]
    async fn an_export_is_audited_and_nobody_erases_themselves() {
        let (_dir, store) = demo(10).await;
        let store = store.as_ref();
        let people = staff(store, 2).await;
        let me = principal(&people[0].id, Role::Admin);
        for p in &people {
            let edit = crate::people::about::ProfileEdit {
                ask_me_about: Some(vec!["Beekeeping".into()]),
                ..Default::default()
            };
            crate::people::about::update(store, &PersonId::known(p.id.clone()), edit)
                .await
                .unwrap();
        }
        let data = export(store, &Clock::default(), &me).await.unwrap();
        assert_eq!(data["person"]["id"], people[0].id.as_str());
        assert_eq!(data["profile"]["ask_me_about"][0], "Beekeeping");
        let mine = PersonId::known(people[0].id.clone());
        let err = erase(store, &me, &mine, "request 7").await.unwrap_err();
        assert!(err.to_string().contains("another admin"), "{err}");
        assert!(store.person(&people[0].id).await.unwrap().is_some(), "kept");
        let other = PersonId::known(people[1].id.clone());
        let hr = principal(&people[0].id, Role::Hr);
        let err = erase(store, &hr, &other, "request 8").await.unwrap_err();
        assert!(matches!(err, Refusal::Forbidden), "only admins: {err:?}");
        assert!(
            erase(store, &me, &other, "  ").await.is_err(),
            "a reason is needed"
        );
        erase(store, &me, &other, "request 8").await.unwrap();
        assert!(store.person(&people[1].id).await.unwrap().is_none());
        let left = store.profiles_of(std::slice::from_ref(&people[1].id)).await;
        assert!(left.unwrap().is_empty(), "their profile went with them");
        let log = store
            .audit_page(&Default::default(), None, 10)
            .await
            .unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert!(
            actions.contains(&"person.export") && actions.contains(&"person.erase"),
            "{actions:?}"
        );
    }
}
