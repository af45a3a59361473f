use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate};

use super::offices::OFFICES;
use super::topics::TOPICS;
use super::units::{GENERAL_SKILLS, UNITS};
use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).expect("valid date")
}

fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn bundled_taxonomy_parses_and_is_consistent() {
    let skills = taxonomy();
    assert!(skills.len() > 700, "only {} skills", skills.len());
    let mut names = HashSet::new();
    let mut ids = HashSet::new();
    for skill in &skills {
        assert!(
            names.insert(fold(&skill.name)),
            "duplicate skill name {:?}",
            skill.name
        );
        let id = skill.id.as_deref().expect("every skill has an id");
        assert!(
            id.starts_with("s-") && ids.insert(id.to_owned()),
            "bad or duplicate id {id:?}"
        );
    }
    for skill in &skills {
        for other in skill.broader.iter().chain(skill.related.iter().flatten()) {
            assert!(
                names.contains(&fold(other)),
                "{:?} refers to unknown skill {other:?}",
                skill.name
            );
        }
    }
    let gdpr = skills
        .iter()
        .find(|s| s.name == "GDPR")
        .expect("GDPR is in the taxonomy");
    let aliases = gdpr.aliases.as_deref().unwrap_or_default();
    assert!(aliases.iter().any(|a| a == "UK GDPR"));
    assert!(
        aliases
            .iter()
            .any(|a| a == "General Data Protection Regulation")
    );
}

#[test]
fn every_skill_named_by_the_demo_exists() {
    let skills = taxonomy();
    let names: HashSet<&str> = skills.iter().map(|s| s.name.as_str()).collect();
    let named = UNITS
        .iter()
        .flat_map(|u| u.pool.iter())
        .chain(GENERAL_SKILLS)
        .chain(TOPICS.iter().flat_map(|t| t.skills.iter()));
    let missing: Vec<&str> = named.copied().filter(|n| !names.contains(n)).collect();
    assert!(
        missing.is_empty(),
        "skills missing from skills.jsonl: {missing:?}"
    );
}

#[test]
fn same_seed_gives_the_same_organisation_and_another_seed_does_not() {
    let a = generate(7, 300, today());
    let b = generate(7, 300, today());
    assert_eq!(a, b);
    let c = generate(8, 300, today());
    assert_ne!(a.people, c.people);
    assert_ne!(a.evidence, c.evidence);
}

#[test]
fn default_size_has_the_requested_shape() {
    let org = generate(1, 300, today());
    assert_eq!(org.people.len(), 300);
    assert_eq!(org.focus.len(), 300);
    assert_eq!(org.evidence.len(), 900);
    assert!(
        (10..=14).contains(&org.communities.len()),
        "{} communities",
        org.communities.len()
    );
    let units: HashSet<_> = org
        .people
        .iter()
        .filter_map(|p| p.org_unit.as_deref())
        .collect();
    assert_eq!(units.len(), UNITS.len());
    for person in &org.people {
        let focus = &org.focus[&person.id];
        assert!(
            (2..=4).contains(&focus.len()),
            "{} has focus {focus:?}",
            person.id
        );
        let skills = person.skills.as_deref().expect("skills");
        assert!(
            (4..=10).contains(&skills.len()),
            "{} has {} skills",
            person.id,
            skills.len()
        );
        for (declared, expected) in skills.iter().zip(focus) {
            assert_eq!(&declared.skill, expected);
            assert!(matches!(declared.level, Some(4..=5)));
        }
        for minor in &skills[focus.len()..] {
            assert!(matches!(minor.level, Some(1..=3)));
        }
    }
}

#[test]
fn every_reference_resolves() {
    let org = generate(3, 300, today());
    let people: HashSet<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(people.len(), org.people.len(), "person ids are unique");
    let skills: HashSet<&str> = org.skills.iter().map(|s| s.name.as_str()).collect();
    for person in &org.people {
        if let Some(manager) = &person.manager_id {
            assert!(
                people.contains(manager.as_str()),
                "{} has unknown manager {manager}",
                person.id
            );
            assert_ne!(manager, &person.id);
        }
        for skill in person.skills.iter().flatten() {
            assert!(
                skills.contains(skill.skill.as_str()),
                "unknown skill {:?}",
                skill.skill
            );
        }
    }
    for community in &org.communities {
        for skill in community.skills.iter().flatten() {
            assert!(skills.contains(skill.as_str()), "unknown skill {skill:?}");
        }
        for member in community.members.iter().flatten() {
            assert!(
                people.contains(member.person_id.as_str()),
                "unknown member {}",
                member.person_id
            );
        }
    }
    for evidence in &org.evidence {
        assert!((1..=3).contains(&evidence.author_ids.len()));
        for author in &evidence.author_ids {
            assert!(people.contains(author.as_str()), "unknown author {author}");
        }
        for tag in evidence.tags.iter().flatten() {
            assert!(skills.contains(tag.as_str()), "unknown tag {tag:?}");
        }
    }
    for names in org.focus.values() {
        for name in names {
            assert!(
                skills.contains(name.as_str()),
                "unknown focus skill {name:?}"
            );
        }
    }
}

#[test]
fn each_unit_has_one_head_and_managers_stay_in_the_unit() {
    let org = generate(4, 1000, today());
    let by_id: HashMap<&str, _> = org.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut heads: BTreeMap<&str, usize> = BTreeMap::new();
    for person in &org.people {
        let unit = person.org_unit.as_deref().expect("unit");
        match &person.manager_id {
            None => *heads.entry(unit).or_default() += 1,
            Some(manager) => {
                let manager = by_id[manager.as_str()];
                assert_eq!(manager.org_unit.as_deref(), Some(unit));
                assert_ne!(
                    manager.status.as_deref(),
                    Some("left"),
                    "{} reports to a leaver",
                    person.id
                );
            }
        }
        // Walking up always reaches the head.
        let mut current = person;
        for _ in 0..=org.people.len() {
            match &current.manager_id {
                Some(m) => current = by_id[m.as_str()],
                None => break,
            }
        }
        assert!(current.manager_id.is_none(), "cycle above {}", person.id);
    }
    assert_eq!(heads.len(), UNITS.len());
    assert!(heads.values().all(|&n| n == 1), "{heads:?}");
}

#[test]
fn offices_have_their_real_time_zones_and_countries() {
    let org = generate(5, 2000, today());
    let expected: HashMap<&str, (&str, &str)> = [
        ("Belfast", ("Europe/London", "GB")),
        ("London", ("Europe/London", "GB")),
        ("Edinburgh", ("Europe/London", "GB")),
        ("Manchester", ("Europe/London", "GB")),
        ("Hong Kong", ("Asia/Hong_Kong", "HK")),
        ("Sydney", ("Australia/Sydney", "AU")),
    ]
    .into_iter()
    .collect();
    assert_eq!(OFFICES.len(), expected.len());
    let mut per_office: HashMap<&str, usize> = HashMap::new();
    for person in &org.people {
        let office = person.office.as_deref().expect("office");
        let (tz, country) = expected[office];
        assert_eq!(person.timezone.as_deref(), Some(tz));
        assert_eq!(person.country.as_deref(), Some(country));
        *per_office.entry(office).or_default() += 1;
    }
    let uk: usize = ["Belfast", "London", "Edinburgh", "Manchester"]
        .iter()
        .map(|o| per_office[o])
        .sum();
    assert!(
        uk > 2000 * 7 / 10,
        "most staff are in the UK: {per_office:?}"
    );
    assert!(
        per_office["Hong Kong"] > 50 && per_office["Sydney"] > 50,
        "{per_office:?}"
    );
}

#[test]
fn statuses_emails_and_ids_look_like_an_hr_extract() {
    let org = generate(6, 3000, today());
    let mut emails = HashSet::new();
    let mut leaving = 0;
    let mut left = 0;
    for person in &org.people {
        assert!(
            person.id.starts_with('e') && person.id.len() == 6,
            "{}",
            person.id
        );
        let email = person.email.as_deref().expect("email");
        assert!(
            email.ends_with("@example.org") && email.contains('.'),
            "{email}"
        );
        assert!(emails.insert(email), "duplicate email {email}");
        match person.status.as_deref() {
            Some("active") => assert!(person.leaving_on.is_none()),
            Some("leaving") => {
                leaving += 1;
                let date = person.leaving_on.as_deref().expect("leaving date");
                let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("YYYY-MM-DD");
                let days = (date - today()).num_days();
                assert!(
                    (28..=186).contains(&days),
                    "{} leaves in {days} days",
                    person.id
                );
            }
            Some("left") => left += 1,
            other => panic!("unexpected status {other:?}"),
        }
    }
    assert!(
        (3000 * 2 / 100..=3000 * 6 / 100).contains(&leaving),
        "{leaving} leaving"
    );
    assert!((3000 / 400..=3000 * 2 / 100).contains(&left), "{left} left");
}

#[test]
fn communities_have_leads_and_members_who_know_the_topic() {
    let org = generate(9, 1000, today());
    assert_eq!(org.communities.len(), 40);
    let ids: HashSet<&str> = org.communities.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), org.communities.len());
    for community in &org.communities {
        let members = community.members.as_deref().expect("members");
        assert!(
            members.iter().any(|m| m.role.as_deref() == Some("lead")),
            "{} has no lead",
            community.name
        );
        let unique: HashSet<&str> = members.iter().map(|m| m.person_id.as_str()).collect();
        assert_eq!(
            unique.len(),
            members.len(),
            "{} lists someone twice",
            community.name
        );
        let skills: HashSet<&String> = community.skills.iter().flatten().collect();
        let knowing = members
            .iter()
            .filter(|m| org.focus[&m.person_id].iter().any(|s| skills.contains(s)))
            .count();
        assert!(
            knowing * 4 >= members.len() * 3,
            "{}: {knowing}/{}",
            community.name,
            members.len()
        );
        assert!(
            community
                .description
                .as_deref()
                .is_some_and(|d| d.len() > 40)
        );
    }
}

#[test]
fn evidence_reads_like_work_and_is_dated_in_the_last_three_years() {
    let org = generate(10, 300, today());
    let mut kinds = HashSet::new();
    let mut texts = HashSet::new();
    let mut total_words = 0;
    for evidence in &org.evidence {
        let words = evidence.text.split_whitespace().count();
        assert!(
            (30..=140).contains(&words),
            "{} has {words} words: {}",
            evidence.id,
            evidence.text
        );
        total_words += words;
        assert!(
            !evidence.text.contains('{'),
            "unfilled template: {}",
            evidence.text
        );
        texts.insert(evidence.text.as_str());
        kinds.insert(evidence.kind.as_deref().expect("kind"));
        let tags = evidence.tags.as_deref().expect("tags");
        // At least one author has the main tag in their focus.
        assert!(
            evidence
                .author_ids
                .iter()
                .any(|a| org.focus[a].contains(&tags[0]))
        );
        let created = evidence.created_at.as_deref().expect("created_at");
        let created = DateTime::parse_from_rfc3339(created)
            .expect("RFC 3339")
            .date_naive();
        let age = (today() - created).num_days();
        assert!(
            (0..=3 * 366).contains(&age),
            "{} is {age} days old",
            evidence.id
        );
    }
    let mean = total_words / org.evidence.len();
    assert!((40..=120).contains(&mean), "mean {mean} words");
    assert_eq!(texts.len(), org.evidence.len(), "every text is different");
    assert_eq!(kinds.len(), 5, "{kinds:?}");
}

#[test]
fn every_unit_has_its_own_detail_sentences() {
    for unit in UNITS {
        assert!(
            details::for_unit(unit.name).len() >= 3,
            "no detail sentences for {}",
            unit.name
        );
    }
}

#[test]
fn tiny_organisations_still_generate() {
    for n in [0, 1, 2, 5, 14, 30] {
        let org = generate(11, n, today());
        assert_eq!(org.people.len(), n);
        assert_eq!(org.evidence.len(), 3 * n);
        assert!(
            org.communities
                .iter()
                .all(|c| c.members.as_ref().is_some_and(|m| !m.is_empty()))
        );
    }
}

#[test]
fn topics_read_naturally_in_text() {
    assert_eq!(texts::as_topic("Perform backups"), "Performing backups");
    assert_eq!(
        texts::as_topic("Use ICT ticketing system"),
        "Using ICT ticketing system"
    );
    assert_eq!(
        texts::as_topic("Plan migration to cloud"),
        "Planning migration to cloud"
    );
    assert_eq!(texts::in_text("Records retention"), "records retention");
    assert_eq!(
        texts::forms("Identify ICT security risks").1,
        "identifying ICT security risks"
    );
    assert_eq!(texts::in_text("GDPR"), "GDPR");
    assert_eq!(
        texts::in_text("Freedom of Information requests"),
        "Freedom of Information requests"
    );
    assert_eq!(names::email_part("Ó Murchú"), "omurchu");
    assert_eq!(
        slug("Cloud Engineering Guild (Hong Kong)"),
        "cloud-engineering-guild-hong-kong"
    );
}
