//! Checking people: fields, offices, e-mail addresses, managers and self-declared skills.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::domain::{
    self, Invalid, Level, Office, Person, PersonStatus, SkillKey, optional_text, required_text,
};
use crate::import::records::PersonRecord;
use crate::import::{LineError, Located, Progress};
use crate::store::{ImportBatch, ImportPerson, Store};

use super::{Skills, field, reject};

pub(super) async fn resolve_people(
    store: &Arc<dyn Store>,
    people: Vec<Located<PersonRecord>>,
    skills: &mut Skills,
    batch: &mut ImportBatch,
    errors: &mut Vec<LineError>,
    now: DateTime<Utc>,
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
            now,
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
    let moved = moved_emails(store, &checked).await?;
    for (item, p) in checked {
        let id = &p.person.id;
        match &p.person.manager_id {
            Some(m) if !in_file.contains(m) && !stored.contains(m) => {
                errors.push(reject(
                    item,
                    format!("manager_id: no person has the id '{m}'"),
                ));
            }
            _ => {
                if moved.contains(id) {
                    batch.email_changes.push(id.clone());
                }
                batch.people.push(p);
            }
        }
    }
    Ok(())
}

/// Ids of the people already stored whose e-mail address a record changes.
async fn moved_emails(
    store: &Arc<dyn Store>,
    checked: &[(&Located<PersonRecord>, ImportPerson)],
) -> anyhow::Result<HashSet<String>> {
    let ids: Vec<String> = checked.iter().map(|(_, p)| p.person.id.clone()).collect();
    let before: HashMap<String, String> = store.emails_of_people(&ids).await?.into_iter().collect();
    Ok(checked
        .iter()
        .filter_map(|(_, p)| {
            let old = before.get(&p.person.id)?;
            let new = p.person.email.as_deref().unwrap_or_default();
            (!old.eq_ignore_ascii_case(new)).then(|| p.person.id.clone())
        })
        .collect())
}

fn check_person(
    r: &PersonRecord,
    skills: &mut Skills,
    offices: &mut HashMap<String, String>,
    new_offices: &mut Vec<Office>,
    email_owner: &mut HashMap<String, String>,
    now: DateTime<Utc>,
) -> Result<ImportPerson, Invalid> {
    let id = domain::external_id("id", &r.id)?;
    let name = required_text("name", &r.name, crate::domain::limits::NAME)?;
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
    let office_id = match optional_text(
        "office",
        r.office.as_deref(),
        crate::domain::limits::OFFICE_NAME,
    )? {
        Some(office) => {
            let key = SkillKey::of(&office).into_string();
            Some(
                offices
                    .entry(key)
                    .or_insert_with(|| {
                        let id = domain::OfficeId::for_name(&office).into_string();
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
    Ok(ImportPerson {
        person: Person {
            id,
            name,
            email,
            title: optional_text("title", r.title.as_deref(), crate::domain::limits::NAME)?,
            org_unit: optional_text(
                "org_unit",
                r.org_unit.as_deref(),
                crate::domain::limits::NAME,
            )?,
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
        handles: r.handles.as_ref().map(import_handles).transpose()?,
    })
}

/// The `handles` object: string values, checked as the profile checks them.
fn import_handles(
    h: &std::collections::BTreeMap<String, serde_json::Value>,
) -> Result<std::collections::BTreeMap<String, String>, Invalid> {
    let mut pairs = Vec::with_capacity(h.len());
    for (name, value) in h {
        match value {
            serde_json::Value::String(v) => pairs.push((name.as_str(), v.as_str())),
            serde_json::Value::Null => {}
            _ => {
                return Err(Invalid::new(format!(
                    "handles: the {name} handle must be a string"
                )));
            }
        }
    }
    domain::profile::handles(pairs)
}
