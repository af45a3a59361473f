//! Checking records and resolving their references into one [`ImportBatch`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::domain::{
    self, Community, CommunityRole, Evidence, Invalid, Level, Office, Person, PersonStatus, Skill,
    SkillKey, Visibility, optional_text, required_text,
};
use crate::store::{ImportBatch, ImportCommunity, ImportPerson, ImportSkill, NewEvidence, Store};

use super::records::{CommunityRecord, EvidenceRecord, PersonRecord, SkillRecord};
use super::{LineError, Located, Parsed, Progress};

/// Skill names and aliases known so far, and skills to create for names seen only in passing.
struct Skills {
    by_key: HashMap<String, String>,
    /// Names exactly as written in the files, resolved before: most repeat, and
    /// Unicode normalisation of each would dominate checking a large import.
    by_raw: HashMap<String, String>,
    ids: HashSet<String>,
    created: Vec<ImportSkill>,
}

impl Skills {
    /// The id of the skill with this name or alias, creating it when there is none.
    fn id_for(&mut self, raw: &str) -> Result<String, Invalid> {
        if let Some(id) = self.by_raw.get(raw) {
            return Ok(id.clone());
        }
        let id = self.resolve_name(raw)?;
        self.by_raw.insert(raw.to_string(), id.clone());
        Ok(id)
    }

    fn resolve_name(&mut self, raw: &str) -> Result<String, Invalid> {
        let name = required_text("skill name", raw, 200)?;
        let key = SkillKey::of(&name).into_string();
        if let Some(id) = self.by_key.get(&key) {
            return Ok(id.clone());
        }
        let mut id = key.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{key}-{n}");
            n += 1;
        }
        self.by_key.insert(key, id.clone());
        self.ids.insert(id.clone());
        self.created.push(ImportSkill {
            skill: Skill {
                id: id.clone(),
                name,
                description: None,
                broader_id: None,
            },
            aliases: None,
            related_ids: vec![],
        });
        Ok(id)
    }
}

/// Keeps the last record for each id, as an upsert would.
fn last_per_id<T>(items: Vec<Located<T>>, id: impl Fn(&T) -> String) -> Vec<Located<T>> {
    let mut last: HashMap<String, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        last.insert(id(&item.record), i);
    }
    items
        .into_iter()
        .enumerate()
        .filter(|(i, item)| last.get(&id(&item.record)) == Some(i))
        .map(|(_, x)| x)
        .collect()
}

fn reject<T>(item: &Located<T>, reason: impl Into<String>) -> LineError {
    LineError {
        file: item.file.clone(),
        line: item.line,
        reason: reason.into(),
    }
}

/// Checks every record; returns the batch of valid ones and a reason for each rejected line.
pub async fn resolve(
    store: &Arc<dyn Store>,
    parsed: &mut Parsed,
    progress: &dyn Progress,
) -> anyhow::Result<(ImportBatch, Vec<LineError>)> {
    let mut errors = Vec::new();
    let mut batch = ImportBatch::default();
    let keys = store.skill_keys().await?;
    let mut skills = Skills {
        ids: keys.iter().map(|(_, id)| id.clone()).collect(),
        by_key: keys.into_iter().collect(),
        by_raw: HashMap::new(),
        created: vec![],
    };

    let skill_records = last_per_id(std::mem::take(&mut parsed.skills), |r| {
        r.id.clone()
            .unwrap_or_else(|| SkillKey::of(&r.name).into_string())
    });
    let mut pending_links = Vec::new();
    for item in &skill_records {
        progress.advance(1);
        match check_skill(&item.record, &mut skills) {
            Ok(s) => {
                pending_links.push((batch.skills.len(), item));
                batch.skills.push(s);
            }
            Err(e) => errors.push(reject(item, e.0)),
        }
    }
    for (index, item) in pending_links {
        let r = &item.record;
        let broader = r.broader.as_deref().map(|b| skills.id_for(b)).transpose();
        let related: Result<Vec<String>, Invalid> = r
            .related
            .iter()
            .flatten()
            .map(|n| skills.id_for(n))
            .collect();
        match (broader, related) {
            (Ok(b), Ok(rel)) => {
                let s = &mut batch.skills[index];
                if b.as_deref() == Some(s.skill.id.as_str()) {
                    errors.push(reject(
                        item,
                        "broader: a skill cannot be broader than itself",
                    ));
                    continue;
                }
                s.skill.broader_id = b;
                s.related_ids = rel;
            }
            (Err(e), _) | (_, Err(e)) => errors.push(reject(item, e.0)),
        }
    }

    let people = last_per_id(std::mem::take(&mut parsed.people), |r| r.id.clone());
    resolve_people(
        store,
        people,
        &mut skills,
        &mut batch,
        &mut errors,
        progress,
    )
    .await?;

    let known_people = people_known(store, &batch, &parsed.communities, &parsed.evidence).await?;
    let communities = last_per_id(std::mem::take(&mut parsed.communities), |r| r.id.clone());
    let mut community_keys: HashMap<String, String> =
        store.community_keys().await?.into_iter().collect();
    for item in &communities {
        progress.advance(1);
        match check_community(
            &item.record,
            &mut skills,
            &known_people,
            &mut community_keys,
        ) {
            Ok(c) => batch.communities.push(c),
            Err(e) => errors.push(reject(item, e.0)),
        }
    }
    let evidence = last_per_id(std::mem::take(&mut parsed.evidence), |r| r.id.clone());
    for item in &evidence {
        progress.advance(1);
        match check_evidence(&item.record, &mut skills, &known_people) {
            Ok(e) => batch.evidence.push(e),
            Err(e) => errors.push(reject(item, e.0)),
        }
    }
    batch.skills.append(&mut skills.created);
    Ok((batch, errors))
}

fn check_skill(r: &SkillRecord, skills: &mut Skills) -> Result<ImportSkill, Invalid> {
    let name = required_text("name", &r.name, 200)?;
    let key = SkillKey::of(&name).into_string();
    let id = match &r.id {
        Some(id) => domain::external_id("id", id)?,
        None => key.clone(),
    };
    if let Some(other) = skills.by_key.get(&key).filter(|other| **other != id) {
        return Err(Invalid::new(format!(
            "name: '{name}' already names or is an alias of skill '{other}'"
        )));
    }
    let description = optional_text("description", r.description.as_deref(), 5_000)?;
    let mut aliases = Vec::new();
    for alias in r.aliases.iter().flatten() {
        let alias = required_text("alias", alias, 200)?;
        let alias_key = SkillKey::of(&alias).into_string();
        if let Some(other) = skills.by_key.get(&alias_key).filter(|other| **other != id) {
            return Err(Invalid::new(format!(
                "aliases: '{alias}' already names or is an alias of skill '{other}'"
            )));
        }
        if alias_key != key {
            aliases.push((alias_key, alias));
        }
    }
    skills.by_key.insert(key, id.clone());
    skills.ids.insert(id.clone());
    for (k, _) in &aliases {
        skills.by_key.insert(k.clone(), id.clone());
    }
    Ok(ImportSkill {
        skill: Skill {
            id,
            name,
            description,
            broader_id: None,
        },
        aliases: r
            .aliases
            .as_ref()
            .map(|_| aliases.into_iter().map(|(_, a)| a).collect()),
        related_ids: vec![],
    })
}

async fn resolve_people(
    store: &Arc<dyn Store>,
    people: Vec<Located<PersonRecord>>,
    skills: &mut Skills,
    batch: &mut ImportBatch,
    errors: &mut Vec<LineError>,
    progress: &dyn Progress,
) -> anyhow::Result<()> {
    let mut offices: HashMap<String, String> = store.office_keys().await?.into_iter().collect();
    let emails: Vec<String> = people
        .iter()
        .filter_map(|p| p.record.email.clone())
        .map(|e| e.trim().to_string())
        .collect();
    let mut email_owner: HashMap<String, String> =
        store.emails_in_use(&emails).await?.into_iter().collect();
    let mut checked = Vec::new();
    for item in &people {
        progress.advance(1);
        match check_person(
            &item.record,
            skills,
            &mut offices,
            &mut batch.offices,
            &mut email_owner,
        ) {
            Ok(p) => checked.push((item, p)),
            Err(e) => errors.push(reject(item, e.0)),
        }
    }
    // Managers may appear later in the file, or already be in the store.
    let in_file: HashSet<String> = checked.iter().map(|(_, p)| p.person.id.clone()).collect();
    let outside: Vec<String> = checked
        .iter()
        .filter_map(|(_, p)| p.person.manager_id.clone())
        .filter(|m| !in_file.contains(m))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let stored: HashSet<String> = store.existing_people(&outside).await?.into_iter().collect();
    for (item, p) in checked {
        match &p.person.manager_id {
            Some(m) if !in_file.contains(m) && !stored.contains(m) => {
                errors.push(reject(
                    item,
                    format!("manager_id: no person has the id '{m}'"),
                ));
            }
            _ => batch.people.push(p),
        }
    }
    Ok(())
}

fn check_person(
    r: &PersonRecord,
    skills: &mut Skills,
    offices: &mut HashMap<String, String>,
    new_offices: &mut Vec<Office>,
    email_owner: &mut HashMap<String, String>,
) -> Result<ImportPerson, Invalid> {
    let id = domain::external_id("id", &r.id)?;
    let name = required_text("name", &r.name, 200)?;
    let email = r
        .email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
        .map(domain::email)
        .transpose()?;
    if let Some(e) = &email {
        match email_owner.get(e) {
            Some(owner) if *owner != id => {
                return Err(Invalid::new(format!(
                    "email: '{e}' already belongs to person '{owner}'"
                )));
            }
            _ => {
                email_owner.insert(e.clone(), id.clone());
            }
        }
    }
    let country = r
        .country
        .as_deref()
        .map(domain::country)
        .transpose()
        .map_err(|e| field("country", e))?;
    let timezone = r
        .timezone
        .as_deref()
        .map(domain::timezone)
        .transpose()
        .map_err(|e| field("timezone", e))?;
    let status = r
        .status
        .as_deref()
        .map(PersonStatus::parse)
        .transpose()
        .map_err(|e| field("status", e))?;
    let status = status.unwrap_or(PersonStatus::Active);
    let leaving_on = r
        .leaving_on
        .as_deref()
        .map(|d| domain::date("leaving_on", d))
        .transpose()?;
    let office_id = match optional_text("office", r.office.as_deref(), 100)? {
        Some(office) => {
            let key = SkillKey::of(&office).into_string();
            Some(
                offices
                    .entry(key)
                    .or_insert_with(|| {
                        let id = format!("o-{}", domain::slug(&office));
                        new_offices.push(Office {
                            id: id.clone(),
                            name: office,
                            country: country.clone(),
                            timezone: timezone.clone(),
                        });
                        id
                    })
                    .clone(),
            )
        }
        None => None,
    };
    let manager_id = r
        .manager_id
        .as_deref()
        .map(|m| domain::external_id("manager_id", m))
        .transpose()?;
    if manager_id.as_deref() == Some(id.as_str()) {
        return Err(Invalid::new(
            "manager_id: a person cannot be their own manager",
        ));
    }
    let person_skills = match &r.skills {
        None => None,
        Some(list) => {
            let mut by_id: Vec<(String, Level)> = Vec::new();
            for s in list {
                let level = Level::new(s.level.unwrap_or(i64::from(Level::DEFAULT.get())))
                    .map_err(|e| Invalid::new(format!("skills: '{}': {e}", s.skill)))?;
                let skill_id = skills.id_for(&s.skill).map_err(|e| field("skills", e))?;
                match by_id.iter_mut().find(|(id, _)| *id == skill_id) {
                    Some((_, l)) => *l = (*l).max(level),
                    None => by_id.push((skill_id, level)),
                }
            }
            Some(by_id)
        }
    };
    let now = Utc::now();
    Ok(ImportPerson {
        person: Person {
            id,
            name,
            email,
            title: optional_text("title", r.title.as_deref(), 200)?,
            org_unit: optional_text("org_unit", r.org_unit.as_deref(), 200)?,
            office_id,
            country,
            timezone,
            manager_id,
            status,
            leaving_on,
            discoverable: true,
            created_at: now,
            updated_at: now,
        },
        skills: person_skills,
    })
}

fn field(name: &str, e: Invalid) -> Invalid {
    Invalid::new(format!("{name}: {}", e.0))
}

/// People this import may refer to: those in it, and those already stored.
async fn people_known(
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

fn check_community(
    r: &CommunityRecord,
    skills: &mut Skills,
    people: &HashSet<String>,
    names: &mut HashMap<String, String>,
) -> Result<ImportCommunity, Invalid> {
    let id = domain::external_id("id", &r.id)?;
    let name = required_text("name", &r.name, 200)?;
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
    let description = optional_text("description", r.description.as_deref(), 5_000)?;
    names.insert(key, id.clone());
    Ok(ImportCommunity {
        community: Community {
            id,
            name,
            description,
            visibility: Visibility::Open,
        },
        skill_ids,
        members,
    })
}

fn check_evidence(
    r: &EvidenceRecord,
    skills: &mut Skills,
    people: &HashSet<String>,
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
        None => Utc::now(),
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
            kind: optional_text("kind", r.kind.as_deref(), 50)?
                .map_or_else(|| "document".into(), |k| k.to_lowercase()),
            title: optional_text("title", r.title.as_deref(), 500)?,
            text: required_text("text", &r.text, 200_000)?,
            created_at,
        },
        author_ids,
        skill_ids,
    })
}
