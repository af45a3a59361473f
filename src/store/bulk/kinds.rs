//! Writing each kind of record: the rows and links of skills, people, communities and evidence.

use chrono::{DateTime, Utc};

use crate::domain::{Level, SkillKey, normalise_text};
use crate::store::evidence::NewEvidence;
use crate::store::sql::{Arg, Sql};
use crate::store::{Exec, Result};

use super::{ImportCommunity, ImportPerson, ImportSkill, Upsert, delete_stale, is_empty, pairs_in};

pub(super) async fn import_skills(
    c: &mut impl Exec,
    skills: &[ImportSkill],
    links: &mut u64,
    now: DateTime<Utc>,
) -> Result<u64> {
    let mut changed = Upsert {
        table: "skills",
        columns: &[
            "id",
            "name",
            "name_key",
            "description",
            "created_at",
            "updated_at",
        ],
        conflict: &["id"],
        update: &["name", "name_key", "description"],
        touch: Some("updated_at"),
    }
    .run(
        c,
        skills
            .iter()
            .map(|s| {
                let k = &s.skill;
                vec![
                    k.id.clone().into(),
                    k.name.clone().into(),
                    SkillKey::of(&k.name).into_string().into(),
                    k.description.clone().into(),
                    now.into(),
                    now.into(),
                ]
            })
            .collect(),
    )
    .await?;
    // Broader links after every skill exists, so order in the file does not matter.
    for s in skills.iter().filter(|s| s.skill.broader_id.is_some()) {
        changed += c
            .execute(Sql::with(
                "UPDATE skills SET broader_id = $2 WHERE id = $1 AND broader_id IS DISTINCT FROM $2",
                [s.skill.id.clone().into(), s.skill.broader_id.clone().into()],
            ))
            .await?;
    }
    let with_aliases: Vec<&ImportSkill> = skills.iter().filter(|s| s.aliases.is_some()).collect();
    let mut alias_rows = Vec::new();
    let mut keep = Vec::new();
    for s in &with_aliases {
        for a in s.aliases.iter().flatten() {
            let key = SkillKey::of(a).into_string();
            keep.push((s.skill.id.clone(), key.clone()));
            alias_rows.push(vec![
                key.into(),
                a.clone().into(),
                s.skill.id.clone().into(),
            ]);
        }
    }
    let owners: Vec<String> = with_aliases.iter().map(|s| s.skill.id.clone()).collect();
    *links += delete_stale(
        c,
        "skill_aliases",
        ("skill_id", "alias_key"),
        "",
        &owners,
        &keep,
    )
    .await?;
    *links += Upsert {
        table: "skill_aliases",
        columns: &["alias_key", "alias", "skill_id"],
        conflict: &["alias_key"],
        update: &["alias", "skill_id"],
        touch: None,
    }
    .run(c, alias_rows)
    .await?;
    let mut related = Vec::new();
    for s in skills {
        for r in s.related_ids.iter().filter(|r| **r != s.skill.id) {
            let (a, b) = if *r < s.skill.id {
                (r, &s.skill.id)
            } else {
                (&s.skill.id, r)
            };
            related.push(vec![a.clone().into(), b.clone().into()]);
        }
    }
    *links += Upsert {
        table: "skill_related",
        columns: &["skill_id", "related_id"],
        conflict: &["skill_id", "related_id"],
        update: &[],
        touch: None,
    }
    .run(c, related)
    .await?;
    Ok(changed)
}

pub(super) async fn import_people(
    c: &mut impl Exec,
    people: &[ImportPerson],
    links: &mut u64,
    now: DateTime<Utc>,
) -> Result<u64> {
    // In key order, B-tree inserts touch neighbouring pages instead of random ones.
    let mut people: Vec<&ImportPerson> = people.iter().collect();
    people.sort_unstable_by(|a, b| a.person.id.cmp(&b.person.id));
    let ids: Vec<String> = people.iter().map(|p| p.person.id.clone()).collect();
    // Into an empty table (a first load) nobody existed, and there is nothing to look up.
    let existed: std::collections::HashSet<String> = if is_empty(c, "people").await? {
        Default::default()
    } else {
        pairs_in(c, "id", "id", "people", "id", &ids)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    let changed = Upsert {
        table: "people",
        columns: &[
            "id",
            "name",
            "name_key",
            "email",
            "title",
            "org_unit",
            "office_id",
            "country",
            "timezone",
            "manager_id",
            "status",
            "leaving_on",
            "created_at",
            "updated_at",
        ],
        conflict: &["id"],
        update: &[
            "name",
            "name_key",
            "email",
            "title",
            "org_unit",
            "office_id",
            "country",
            "timezone",
            "manager_id",
            "status",
            "leaving_on",
        ],
        touch: Some("updated_at"),
    }
    .run(
        c,
        people
            .iter()
            .map(|ip| {
                let p = &ip.person;
                vec![
                    p.id.clone().into(),
                    p.name.clone().into(),
                    normalise_text(&p.name).into(),
                    p.email.clone().into(),
                    p.title.clone().into(),
                    p.org_unit.clone().into(),
                    p.office_id.clone().into(),
                    p.country.clone().into(),
                    p.timezone.clone().into(),
                    p.manager_id.clone().into(),
                    p.status.as_str().into(),
                    p.leaving_on.into(),
                    now.into(),
                    now.into(),
                ]
            })
            .collect(),
    )
    .await?;
    let with_skills: Vec<&ImportPerson> = people
        .iter()
        .copied()
        .filter(|p| p.skills.is_some())
        .collect();
    let mut keep = Vec::new();
    let mut rows = Vec::new();
    for p in &with_skills {
        let mut skills: Vec<&(String, Level)> = p.skills.iter().flatten().collect();
        skills.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Only people stored before can have skills to remove (see below).
        let stored = existed.contains(&p.person.id);
        for (skill_id, level) in skills {
            if stored {
                keep.push((p.person.id.clone(), skill_id.clone()));
            }
            rows.push(vec![
                p.person.id.clone().into(),
                skill_id.clone().into(),
                i64::from(level.get()).into(),
                "self".into(),
                now.into(),
            ]);
        }
    }
    // Only people stored before this import can have skills to remove.
    let owners: Vec<String> = with_skills
        .iter()
        .filter(|p| existed.contains(&p.person.id))
        .map(|p| p.person.id.clone())
        .collect();
    *links += delete_stale(
        c,
        "person_skills",
        ("person_id", "skill_id"),
        &format!(
            " AND source = {}",
            crate::store::sql::word(crate::domain::SkillSource::SelfDeclared.as_str())
        ),
        &owners,
        &keep,
    )
    .await?;
    *links += Upsert {
        table: "person_skills",
        columns: &["person_id", "skill_id", "level", "source", "updated_at"],
        conflict: &["person_id", "skill_id"],
        update: &["level"],
        touch: Some("updated_at"),
    }
    .run(c, rows)
    .await?;
    // Handles, when a record gives them, replace the stored ones; what the
    // person keeps about themselves is left alone.
    let handles: Vec<Vec<Arg>> = people
        .iter()
        .filter_map(|p| {
            let h = p.handles.as_ref()?;
            Some(vec![
                p.person.id.clone().into(),
                serde_json::to_string(h).ok()?.into(),
                now.into(),
            ])
        })
        .collect();
    *links += Upsert {
        table: "person_profiles",
        columns: &["person_id", "handles", "updated_at"],
        conflict: &["person_id"],
        update: &["handles"],
        touch: Some("updated_at"),
    }
    .run(c, handles)
    .await?;
    Ok(changed)
}

pub(super) async fn import_communities(
    c: &mut impl Exec,
    communities: &[ImportCommunity],
    links: &mut u64,
    now: DateTime<Utc>,
) -> Result<u64> {
    let changed = Upsert {
        table: "communities",
        columns: &[
            "id",
            "name",
            "name_key",
            "description",
            "created_at",
            "updated_at",
        ],
        conflict: &["id"],
        update: &["name", "name_key", "description"],
        touch: Some("updated_at"),
    }
    .run(
        c,
        communities
            .iter()
            .map(|ic| {
                let k = &ic.community;
                vec![
                    k.id.clone().into(),
                    k.name.clone().into(),
                    SkillKey::of(&k.name).into_string().into(),
                    k.description.clone().into(),
                    now.into(),
                    now.into(),
                ]
            })
            .collect(),
    )
    .await?;
    let (mut owners, mut keep, mut rows) = (Vec::new(), Vec::new(), Vec::new());
    for ic in communities.iter().filter(|c| c.skill_ids.is_some()) {
        owners.push(ic.community.id.clone());
        for s in ic.skill_ids.iter().flatten() {
            keep.push((ic.community.id.clone(), s.clone()));
            rows.push(vec![ic.community.id.clone().into(), s.clone().into()]);
        }
    }
    *links += delete_stale(
        c,
        "community_skills",
        ("community_id", "skill_id"),
        "",
        &owners,
        &keep,
    )
    .await?;
    *links += Upsert {
        table: "community_skills",
        columns: &["community_id", "skill_id"],
        conflict: &["community_id", "skill_id"],
        update: &[],
        touch: None,
    }
    .run(c, rows)
    .await?;
    let (mut owners, mut keep, mut rows) = (Vec::new(), Vec::new(), Vec::new());
    for ic in communities.iter().filter(|c| c.members.is_some()) {
        owners.push(ic.community.id.clone());
        for (p, role) in ic.members.iter().flatten() {
            keep.push((ic.community.id.clone(), p.clone()));
            rows.push(vec![
                ic.community.id.clone().into(),
                p.clone().into(),
                role.as_str().into(),
                now.into(),
            ]);
        }
    }
    *links += delete_stale(
        c,
        "community_members",
        ("community_id", "person_id"),
        "",
        &owners,
        &keep,
    )
    .await?;
    *links += Upsert {
        table: "community_members",
        columns: &["community_id", "person_id", "role", "joined_at"],
        conflict: &["community_id", "person_id"],
        update: &["role"],
        touch: None,
    }
    .run(c, rows)
    .await?;
    Ok(changed)
}

pub(super) async fn import_evidence(
    c: &mut impl Exec,
    evidence: &[NewEvidence],
    links: &mut u64,
    now: DateTime<Utc>,
) -> Result<u64> {
    let changed = Upsert {
        table: "evidence",
        columns: &[
            "id",
            "kind",
            "title",
            "body",
            "url",
            "created_at",
            "updated_at",
        ],
        conflict: &["id"],
        // created_at is kept from the first import: a record without one would otherwise change every time.
        update: &["kind", "title", "body", "url"],
        touch: Some("updated_at"),
    }
    .run(
        c,
        evidence
            .iter()
            .map(|e| {
                let v = &e.evidence;
                vec![
                    v.id.clone().into(),
                    v.kind.clone().into(),
                    v.title.clone().into(),
                    v.text.clone().into(),
                    v.url.clone().into(),
                    v.created_at.into(),
                    now.into(),
                ]
            })
            .collect(),
    )
    .await?;
    let owners: Vec<String> = evidence.iter().map(|e| e.evidence.id.clone()).collect();
    let (mut keep, mut rows) = (Vec::new(), Vec::new());
    for e in evidence {
        for (i, p) in e.author_ids.iter().enumerate() {
            keep.push((e.evidence.id.clone(), p.clone()));
            rows.push(vec![
                e.evidence.id.clone().into(),
                p.clone().into(),
                (i as i64).into(),
            ]);
        }
    }
    *links += delete_stale(
        c,
        "evidence_authors",
        ("evidence_id", "person_id"),
        "",
        &owners,
        &keep,
    )
    .await?;
    *links += Upsert {
        table: "evidence_authors",
        columns: &["evidence_id", "person_id", "position"],
        conflict: &["evidence_id", "person_id"],
        update: &["position"],
        touch: None,
    }
    .run(c, rows)
    .await?;
    let (mut keep, mut rows) = (Vec::new(), Vec::new());
    for e in evidence {
        for s in &e.skill_ids {
            keep.push((e.evidence.id.clone(), s.clone()));
            rows.push(vec![e.evidence.id.clone().into(), s.clone().into()]);
        }
    }
    *links += delete_stale(
        c,
        "evidence_tags",
        ("evidence_id", "skill_id"),
        "",
        &owners,
        &keep,
    )
    .await?;
    *links += Upsert {
        table: "evidence_tags",
        columns: &["evidence_id", "skill_id"],
        conflict: &["evidence_id", "skill_id"],
        update: &[],
        touch: None,
    }
    .run(c, rows)
    .await?;
    Ok(changed)
}
