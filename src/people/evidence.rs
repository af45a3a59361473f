//! Evidence people write: its authors and skill tags must exist, and
//! people write their own evidence, alone.

use chrono::{DateTime, Utc};

use crate::auth::{Principal, Resource};
use crate::domain::limits::{EVIDENCE_KIND, EVIDENCE_TEXT, EVIDENCE_TITLE};
use crate::domain::{Clock, Evidence, EvidenceId, PersonId, SkillId, optional_text, required_text};
use crate::store::{NewEvidence, Store};

use super::{Gate, Refusal};

/// Evidence as a whole, as given: on update every field is replaced.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: String,
    pub title: Option<String>,
    pub text: String,
    /// Where the original can be opened; checked here.
    pub url: Option<String>,
    pub author_ids: Vec<PersonId>,
    pub tag_ids: Vec<SkillId>,
    /// Now when absent.
    pub created_at: Option<DateTime<Utc>>,
}

/// Records a new piece of evidence.
pub async fn create(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    gate: &dyn Gate,
    id: EvidenceId,
    draft: Draft,
) -> Result<Evidence, Refusal> {
    let e = validate(store, clock, id, draft).await?;
    own_authorship(actor, gate, None, &e.author_ids).await?;
    Ok(store.create_evidence(&e).await?)
}

/// Replaces a piece of evidence; its authors may, alone.
pub async fn update(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    gate: &dyn Gate,
    id: EvidenceId,
    draft: Draft,
) -> Result<Evidence, Refusal> {
    let current: Vec<String> = store
        .authors_of_evidence(&[id.to_string()])
        .await?
        .into_iter()
        .map(|(_, person)| person)
        .collect();
    let e = validate(store, clock, id, draft).await?;
    own_authorship(actor, gate, Some(&current), &e.author_ids).await?;
    Ok(store.update_evidence(&e).await?)
}

async fn validate(
    store: &dyn Store,
    clock: &Clock,
    id: EvidenceId,
    draft: Draft,
) -> Result<NewEvidence, Refusal> {
    if draft.author_ids.is_empty() {
        return Err(Refusal::invalid("evidence needs at least one author"));
    }
    let author_ids: Vec<String> = draft.author_ids.into_iter().map(String::from).collect();
    let found = store.people_by_ids(&author_ids).await?;
    if let Some(missing) = author_ids
        .iter()
        .find(|a| !found.iter().any(|p| &p.id == *a))
    {
        return Err(Refusal::not_found(format!("author '{missing}'")));
    }
    let skill_ids: Vec<String> = draft.tag_ids.into_iter().map(String::from).collect();
    let found = store.skills_by_ids(&skill_ids).await?;
    if let Some(missing) = skill_ids
        .iter()
        .find(|s| !found.iter().any(|k| &k.id == *s))
    {
        return Err(Refusal::not_found(format!("skill '{missing}'")));
    }
    Ok(NewEvidence {
        evidence: Evidence {
            id: id.into_string(),
            kind: required_text("kind", &draft.kind, EVIDENCE_KIND)?.to_lowercase(),
            title: optional_text("title", draft.title.as_deref(), EVIDENCE_TITLE)?,
            text: required_text("text", &draft.text, EVIDENCE_TEXT)?,
            url: draft
                .url
                .as_deref()
                .filter(|u| !u.trim().is_empty())
                .map(|u| crate::domain::profile::url("url", u))
                .transpose()?,
            created_at: draft.created_at.unwrap_or_else(|| clock.now()),
        },
        author_ids,
        skill_ids,
    })
}

/// People write their own evidence, alone: naming colleagues as co-authors
/// (which puts the document on their profiles and into ranking), or changing
/// a document's authors, needs HR or an admin. On update the actor must be
/// one of the current authors.
async fn own_authorship(
    actor: &Principal,
    gate: &dyn Gate,
    current: Option<&[String]>,
    new: &[String],
) -> Result<(), Refusal> {
    let mine = match current {
        None => new.len() == 1 && actor.is(&new[0]),
        Some(current) => {
            let sorted = |a: &[String]| {
                let mut a = a.to_vec();
                a.sort();
                a
            };
            current.iter().any(|a| actor.is(a)) && sorted(current) == sorted(new)
        }
    };
    if mine {
        return Ok(());
    }
    gate.check(crate::auth::Action::EvidenceAny, Resource::Any)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::people::staff;
    use crate::store::testing::{demo, principal};

    fn draft(authors: &[&str]) -> Draft {
        Draft {
            kind: "Answer".into(),
            title: None,
            text: "How to file GDPR requests".into(),
            url: None,
            author_ids: authors.iter().map(|a| PersonId::known(*a)).collect(),
            tag_ids: vec![],
            created_at: None,
        }
    }

    #[tokio::test]
    async fn people_write_their_own_evidence_alone() {
        let (_dir, store) = demo(10).await;
        let store = store.as_ref();
        let clock = Clock::default();
        let people = staff(store, 3).await;
        let (me, colleague) = (people[0].id.as_str(), people[1].id.as_str());
        let jack = principal(me, Role::Employee);
        let id = EvidenceId::known("d-mine");

        let err = create(
            store,
            &clock,
            &jack,
            &jack,
            id.clone(),
            draft(&[me, colleague]),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, Refusal::Forbidden),
            "co-authors need HR: {err:?}"
        );
        let e = create(store, &clock, &jack, &jack, id.clone(), draft(&[me]))
            .await
            .expect("one's own");
        assert_eq!(e.kind, "answer");
        assert_eq!(e.created_at.date_naive(), clock.today());

        // Only an author may change it, and not its authors.
        let other = principal(colleague, Role::Employee);
        let err = update(
            store,
            &clock,
            &other,
            &other,
            id.clone(),
            draft(&[colleague]),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Refusal::Forbidden), "{err:?}");
        let err = update(
            store,
            &clock,
            &jack,
            &jack,
            id.clone(),
            draft(&[me, colleague]),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Refusal::Forbidden), "{err:?}");
        update(store, &clock, &jack, &jack, id.clone(), draft(&[me]))
            .await
            .expect("the author edits");
        let hr = principal(&people[2].id, Role::Hr);
        update(store, &clock, &hr, &hr, id, draft(&[me, colleague]))
            .await
            .expect("HR may name co-authors");
    }

    #[tokio::test]
    async fn authors_and_tags_exist() {
        let (_dir, store) = demo(10).await;
        let store = store.as_ref();
        let clock = Clock::default();
        let me = staff(store, 1).await.remove(0);
        let hr = principal(&me.id, Role::Hr);
        let id = || EvidenceId::known("d-x");
        let err = create(store, &clock, &hr, &hr, id(), draft(&[]))
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "evidence needs at least one author");
        let err = create(store, &clock, &hr, &hr, id(), draft(&["nobody"]))
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "author 'nobody' not found");
        let mut tagged = draft(&[&me.id]);
        tagged.tag_ids = vec![SkillId::known("s-none")];
        let err = create(store, &clock, &hr, &hr, id(), tagged)
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "skill 's-none' not found");
    }
}
