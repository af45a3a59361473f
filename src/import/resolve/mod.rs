//! Checking records and resolving their references into one [`ImportBatch`].

use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::domain::{self, Invalid, Skill, SkillKey, optional_text, required_text};
use crate::store::{ImportBatch, ImportSkill, Store};

use super::records::SkillRecord;
use super::{LineError, Located, Parsed, Progress};

mod interviews;
mod links;
mod people;

use interviews::check_interview;
use links::{check_community, check_evidence, people_known};
use people::resolve_people;

/// Skill names and aliases known so far, and skills to create for names seen only in passing.
pub(super) struct Skills {
    by_key: HashMap<String, String>,
    /// Names exactly as written in the files, resolved before: most repeat, and
    /// Unicode normalisation of each would dominate checking a large import.
    by_raw: HashMap<String, String>,
    ids: HashSet<String>,
    created: Vec<ImportSkill>,
}

impl Skills {
    /// The id of the skill with this name or alias, creating it when there is none.
    pub(super) fn id_for(&mut self, raw: &str) -> Result<String, Invalid> {
        if let Some(id) = self.by_raw.get(raw) {
            return Ok(id.clone());
        }
        let id = self.resolve_name(raw)?;
        self.by_raw.insert(raw.to_string(), id.clone());
        Ok(id)
    }

    fn resolve_name(&mut self, raw: &str) -> Result<String, Invalid> {
        let name = required_text("skill name", raw, crate::domain::limits::NAME)?;
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

pub(super) fn reject<T>(item: &Located<T>, reason: impl Into<String>) -> LineError {
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
    now: DateTime<Utc>,
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
        now,
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
        match check_evidence(&item.record, &mut skills, &known_people, now) {
            Ok(e) => batch.evidence.push(e),
            Err(e) => errors.push(reject(item, e.0)),
        }
    }
    let interviews = last_per_id(std::mem::take(&mut parsed.interviews), |r| {
        r.id.trim().to_string()
    });
    if !interviews.is_empty() {
        let mut known = interviews::known(store, &batch, &interviews).await?;
        for item in &interviews {
            progress.advance(1);
            match check_interview(&item.record, &mut skills, &mut known, now) {
                Ok(i) => {
                    interviews::note_status(&mut known, &i.interview);
                    batch.interviews.push(i);
                }
                Err(e) => errors.push(reject(item, e.0)),
            }
        }
    }
    batch.skills.append(&mut skills.created);
    Ok((batch, errors))
}

fn check_skill(r: &SkillRecord, skills: &mut Skills) -> Result<ImportSkill, Invalid> {
    let name = required_text("name", &r.name, crate::domain::limits::NAME)?;
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
    let description = optional_text(
        "description",
        r.description.as_deref(),
        crate::domain::limits::DESCRIPTION,
    )?;
    let mut aliases = Vec::new();
    for alias in r.aliases.iter().flatten() {
        let alias = required_text("alias", alias, crate::domain::limits::NAME)?;
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

pub(super) fn field(name: &str, e: Invalid) -> Invalid {
    Invalid::new(format!("{name}: {}", e.0))
}
