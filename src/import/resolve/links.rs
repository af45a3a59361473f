//! Checking records that point at others: community members and evidence authors.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::domain::{
    self, Community, CommunityRole, CommunityStatus, Evidence, Invalid, SkillKey, Visibility,
    optional_text, required_text,
};
use crate::import::Located;
use crate::import::records::{CommunityRecord, EvidenceRecord};
use crate::store::{ImportBatch, ImportCommunity, NewEvidence, Store};

use super::{Skills, field};

/// People this import may refer to: those in it, and those already stored.
pub(super) async fn people_known(
    store: &Arc<dyn Store>,
    batch: &ImportBatch,
    communities: &[Located<CommunityRecord>],
    evidence: &[Located<EvidenceRecord>],
) -> anyhow::Result<HashSet<String>> {
    let mut known: HashSet<String> = batch.people.iter().map(|p| p.person.id.clone()).collect();
    let referenced: HashSet<String> = communities
        .iter()
        .flat_map(|c| {
            c.record
                .members
                .iter()
                .flatten()
                .map(|m| m.person_id.trim().to_string())
        })
        .chain(
            evidence
                .iter()
                .flat_map(|e| e.record.author_ids.iter().map(|a| a.trim().to_string())),
        )
        .filter(|id| !known.contains(id))
        .collect();
    let referenced: Vec<String> = referenced.into_iter().collect();
    known.extend(store.existing_people(&referenced).await?);
    Ok(known)
}

pub(super) fn check_community(
    r: &CommunityRecord,
    skills: &mut Skills,
    people: &HashSet<String>,
    names: &mut HashMap<String, String>,
) -> Result<ImportCommunity, Invalid> {
    let id = domain::external_id("id", &r.id)?;
    let name = required_text("name", &r.name, crate::domain::limits::NAME)?;
    let key = SkillKey::of(&name).into_string();
    if let Some(other) = names.get(&key).filter(|o| **o != id) {
        return Err(Invalid::new(format!(
            "name: '{name}' already names community '{other}'"
        )));
    }
    let skill_ids = match &r.skills {
        Some(list) => {
            let mut ids = Vec::new();
            for s in list {
                let sid = skills.id_for(s).map_err(|e| field("skills", e))?;
                if !ids.contains(&sid) {
                    ids.push(sid);
                }
            }
            Some(ids)
        }
        None => None,
    };
    let members = match &r.members {
        Some(list) => {
            let mut out: Vec<(String, CommunityRole)> = Vec::new();
            for m in list {
                let pid = m.person_id.trim().to_string();
                if !people.contains(&pid) {
                    return Err(Invalid::new(format!(
                        "members: no person has the id '{pid}'"
                    )));
                }
                let role = m
                    .role
                    .as_deref()
                    .map(CommunityRole::parse)
                    .transpose()
                    .map_err(|e| field("members", e))?;
                match out.iter_mut().find(|(p, _)| *p == pid) {
                    Some((_, existing)) => *existing = role.unwrap_or(*existing),
                    None => out.push((pid, role.unwrap_or(CommunityRole::Member))),
                }
            }
            Some(out)
        }
        None => None,
    };
    let description = optional_text(
        "description",
        r.description.as_deref(),
        crate::domain::limits::DESCRIPTION,
    )?;
    names.insert(key, id.clone());
    Ok(ImportCommunity {
        community: Community {
            id,
            name,
            description,
            visibility: Visibility::Open,
            status: CommunityStatus::Active,
            proposed_by: None,
        },
        skill_ids,
        members,
    })
}

pub(super) fn check_evidence(
    r: &EvidenceRecord,
    skills: &mut Skills,
    people: &HashSet<String>,
    now: DateTime<Utc>,
) -> Result<NewEvidence, Invalid> {
    let id = domain::external_id("id", &r.id)?;
    if r.author_ids.is_empty() {
        return Err(Invalid::new("author_ids: at least one author is required"));
    }
    let mut author_ids: Vec<String> = Vec::new();
    for a in &r.author_ids {
        let a = a.trim().to_string();
        if !people.contains(&a) {
            return Err(Invalid::new(format!(
                "author_ids: no person has the id '{a}'"
            )));
        }
        if !author_ids.contains(&a) {
            author_ids.push(a);
        }
    }
    let created_at = match r.created_at.as_deref() {
        Some(t) => DateTime::parse_from_rfc3339(t.trim())
            .map_err(|_| {
                Invalid::new(format!(
                    "created_at: '{t}' is not an RFC 3339 time, e.g. 2024-03-01T10:00:00Z"
                ))
            })?
            .with_timezone(&Utc),
        None => now,
    };
    let mut skill_ids = Vec::new();
    for t in r.tags.iter().flatten() {
        let sid = skills.id_for(t).map_err(|e| field("tags", e))?;
        if !skill_ids.contains(&sid) {
            skill_ids.push(sid);
        }
    }
    Ok(NewEvidence {
        evidence: Evidence {
            id,
            kind: optional_text(
                "kind",
                r.kind.as_deref(),
                crate::domain::limits::EVIDENCE_KIND,
            )?
            .map_or_else(|| "document".into(), |k| k.to_lowercase()),
            title: optional_text(
                "title",
                r.title.as_deref(),
                crate::domain::limits::EVIDENCE_TITLE,
            )?,
            text: required_text("text", &r.text, crate::domain::limits::EVIDENCE_TEXT)?,
            url: r
                .url
                .as_deref()
                .filter(|u| !u.trim().is_empty())
                .map(|u| crate::domain::profile::url("url", u))
                .transpose()?,
            created_at,
        },
        author_ids,
        skill_ids,
    })
}
