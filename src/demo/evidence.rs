//! Evidence: documents, reports, questions, answers and project records, about
//! three per person, written by people whose focus includes the topic.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::details;
use super::offices::OFFICES;
use super::org::Org;
use super::texts::{self, Fill, Kind};
use super::units::UNITS;
use super::{Catalog, pick, pick_weighted};
use crate::import::records::EvidenceRecord;

const PER_PERSON: usize = 3;
/// Evidence is dated within this many days before `today`.
const HISTORY_DAYS: i64 = 3 * 365;

pub(crate) fn generate(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    org: &Org,
    today: NaiveDate,
) -> Vec<EvidenceRecord> {
    let total = org.people.len() * PER_PERSON;
    let width = total.to_string().len().max(5);
    // Authors are drawn in proportion to how much they write.
    let mut cumulative = Vec::with_capacity(org.people.len());
    let mut sum = 0.0;
    for person in &org.people {
        sum += person.activity;
        cumulative.push(sum);
    }

    let mut evidence = Vec::with_capacity(total);
    for i in 0..total {
        let x = rng.random::<f64>() * sum;
        let author = cumulative
            .partition_point(|&c| c <= x)
            .min(org.people.len() - 1);
        let person = &org.people[author];
        let unit = &UNITS[person.unit];
        let office = &OFFICES[person.office];

        // The topic is one of the author's focus skills, usually the strongest.
        let topic = if rng.random::<f64>() < 0.5 {
            person.focus[0].0
        } else {
            pick(rng, &person.focus).0
        };
        let related = second_skill(rng, catalog, org, author, topic);

        let mut authors = vec![author];
        let holders = &org.focus_holders[topic];
        let wanted = match rng.random::<f64>() {
            x if x < 0.62 => 1,
            x if x < 0.88 => 2,
            _ => 3,
        };
        for _ in 0..wanted * 3 {
            if authors.len() >= wanted || holders.len() < 2 {
                break;
            }
            let p = holders[rng.random_range(0..holders.len())] as usize;
            if !authors.contains(&p) {
                authors.push(p);
            }
        }

        let days_ago = rng.random_range(1..=HISTORY_DAYS);
        let date = today - Duration::days(days_ago);
        // Working hours in the author's office, written down in UTC.
        let local_minutes = rng.random_range(8 * 60..18 * 60);
        let created = date.and_time(NaiveTime::MIN)
            + Duration::minutes(local_minutes - office.utc_offset_hours * 60)
            + Duration::seconds(rng.random_range(0..60));

        let kind = Kind::ALL[pick_weighted(rng, &Kind::ALL, |&(_, w)| w)].0;
        let aliases = catalog.aliases(topic);
        let name = catalog.name(topic);
        let (topic_name, topic_in_text) = texts::forms(name);
        let alias = if !aliases.is_empty() && rng.random::<f64>() < 0.6 {
            pick(rng, aliases).as_str()
        } else {
            topic_in_text.as_str()
        };
        let fill = Fill {
            topic: topic_name,
            topic_in_text: topic_in_text.clone(),
            alias,
            related: texts::forms(catalog.name(related)).1,
            object: pick::<&str>(rng, unit.objects),
            unit: unit.name,
            office: office.name,
            background: catalog.description(topic).and_then(first_sentence),
            details: details::for_unit(unit.name),
            year: date.year(),
            month: date.month(),
        };
        let (title, text) = texts::write(rng, kind, &fill);

        let mut tags = vec![name.to_owned()];
        if related != topic && rng.random::<f64>() < 0.5 {
            tags.push(catalog.name(related).to_owned());
        }
        let id = format!("d-{:0width$}", i + 1);
        // Documents and reports live on the intranet; answers and questions only here.
        let url = matches!(kind.name(), "document" | "report")
            .then(|| format!("https://intranet.example.org/{}s/{id}", kind.name()));
        evidence.push(EvidenceRecord {
            id,
            url,
            author_ids: authors.iter().map(|&a| org.records[a].id.clone()).collect(),
            kind: Some(kind.name().to_owned()),
            title: Some(title),
            text,
            tags: Some(tags),
            created_at: Some(created.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        });
    }
    evidence
}

/// Another skill the text can mention: one of the author's other focus skills, a
/// skill related to the topic, or another skill of the unit.
fn second_skill(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    org: &Org,
    author: usize,
    topic: usize,
) -> usize {
    let person = &org.people[author];
    let others: Vec<usize> = person
        .focus
        .iter()
        .map(|&(s, _)| s)
        .filter(|&s| s != topic)
        .collect();
    if !others.is_empty() && rng.random::<f64>() < 0.5 {
        return *pick(rng, &others);
    }
    let related: Vec<usize> = catalog.related(topic).collect();
    if !related.is_empty() && rng.random::<f64>() < 0.6 {
        return *pick(rng, &related);
    }
    let pool = UNITS[person.unit].pool;
    let skill = catalog.id(pick::<&str>(rng, pool));
    if skill == topic {
        others.first().copied().unwrap_or(topic)
    } else {
        skill
    }
}

/// The first sentence of a skill description, if it is short enough to quote.
fn first_sentence(description: &str) -> Option<&str> {
    let end = description.find(". ").map_or(description.len(), |i| i + 1);
    let sentence = &description[..end];
    (sentence.split_whitespace().count() <= 30 && sentence.ends_with('.')).then_some(sentence)
}
