//! People: units, offices, the manager hierarchy, statuses and skills.

use chrono::{Duration, NaiveDate};
use rand::RngExt;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::names::{Emails, random_name};
use super::offices::{OFFICES, UK_OFFICES};
use super::skills::{pick_focus, pick_other, theme};
use super::units::{GENERAL_SKILLS, UNITS, Unit};
use super::{Catalog, pick_weighted};
use crate::import::records::{PersonRecord, PersonSkillRecord};

/// Staff per team lead, and direct reports per manager above that.
const TEAM_SIZE: usize = 10;
const SPAN: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rank {
    Head,
    Manager,
    Lead,
    Staff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Active,
    Leaving,
    Left,
}

/// What the generator knows about a person beyond their record.
pub(crate) struct Person {
    pub unit: usize,
    pub office: usize,
    pub rank: Rank,
    pub status: Status,
    /// Skills known best, strongest first, with levels 4–5.
    pub focus: Vec<(usize, u8)>,
    /// Relative amount of writing this person does.
    pub activity: f64,
}

pub(crate) struct Org {
    /// `people[i]` describes `records[i]`; ids follow the index.
    pub people: Vec<Person>,
    pub records: Vec<PersonRecord>,
    /// For each skill, the people whose focus includes it, in index order.
    pub focus_holders: Vec<Vec<u32>>,
}

/// A person while the hierarchy is built: index of the manager in the same list.
struct Draft {
    unit: usize,
    rank: Rank,
    title: String,
    office: usize,
    manager: Option<usize>,
    theme: Vec<usize>,
}

pub(crate) fn generate(rng: &mut ChaCha8Rng, catalog: &Catalog, n: usize, today: NaiveDate) -> Org {
    let pools: Vec<Vec<usize>> = UNITS
        .iter()
        .map(|u| u.pool.iter().map(|s| catalog.id(s)).collect())
        .collect();
    let general: Vec<usize> = GENERAL_SKILLS.iter().map(|s| catalog.id(s)).collect();

    let mut drafts = Vec::with_capacity(n);
    for (unit, &size) in headcounts(n).iter().enumerate() {
        build_unit(rng, unit, size, pools[unit].len(), &mut drafts);
    }
    let statuses = pick_statuses(rng, &drafts, today);

    // Ids are handed out in random order, as in a real HR extract: a manager may
    // come after their staff in the file.
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.shuffle(rng);
    let mut position = vec![0; drafts.len()];
    for (pos, &draft) in order.iter().enumerate() {
        position[draft] = pos;
    }
    let width = n.to_string().len().max(5);
    let id = |pos: usize| format!("e{:0width$}", pos + 1);

    let mut emails = Emails::default();
    let mut people = Vec::with_capacity(n);
    let mut records = Vec::with_capacity(n);
    let mut focus_holders = vec![Vec::new(); catalog.len()];
    for (pos, &d) in order.iter().enumerate() {
        let draft = &drafts[d];
        let unit = &UNITS[draft.unit];
        let office = &OFFICES[draft.office];
        let pool = &pools[draft.unit];
        let focus = pick_focus(rng, pool, &draft.theme);
        let other = pick_other(rng, catalog, pool, &general, &focus);
        for &(skill, _) in &focus {
            focus_holders[skill].push(pos as u32);
        }
        let (status, leaving_on) = statuses[d];
        let (first, last) = random_name(rng, office.name_mix);
        let skills = focus
            .iter()
            .chain(&other)
            .map(|&(skill, level)| PersonSkillRecord {
                skill: catalog.name(skill).to_owned(),
                level: Some(i64::from(level)),
            });
        records.push(PersonRecord {
            id: id(pos),
            name: format!("{first} {last}"),
            email: Some(emails.assign(first, last)),
            title: Some(draft.title.clone()),
            org_unit: Some(unit.name.to_owned()),
            office: Some(office.name.to_owned()),
            country: Some(office.country.to_owned()),
            timezone: Some(office.timezone.to_owned()),
            manager_id: draft.manager.map(|m| id(position[m])),
            status: Some(status_name(status).to_owned()),
            leaving_on: leaving_on.map(|d| d.format("%Y-%m-%d").to_string()),
            skills: Some(skills.collect()),
            handles: None,
        });
        let u = rng.random::<f64>();
        let activity = match draft.rank {
            Rank::Staff => 0.3 + 1.7 * u * u,
            _ => 0.8 + 1.2 * u,
        };
        people.push(Person {
            unit: draft.unit,
            office: draft.office,
            rank: draft.rank,
            status,
            focus,
            activity,
        });
    }
    Org {
        people,
        records,
        focus_holders,
    }
}

/// Splits `n` people across units by weight (largest remainder), at least one per
/// unit while there are people to go round.
fn headcounts(n: usize) -> Vec<usize> {
    let total: f64 = UNITS.iter().map(|u| u.weight).sum();
    let mut counts: Vec<usize> = UNITS
        .iter()
        .map(|u| (n as f64 * u.weight / total) as usize)
        .collect();
    let mut rest: Vec<(f64, usize)> = UNITS
        .iter()
        .enumerate()
        .map(|(i, u)| (n as f64 * u.weight / total - counts[i] as f64, i))
        .collect();
    rest.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = n - counts.iter().sum::<usize>();
    for &(_, i) in rest.iter().cycle() {
        if left == 0 {
            break;
        }
        counts[i] += 1;
        left -= 1;
    }
    // Small organisations: make sure every unit has someone, taking from the largest.
    for i in 0..counts.len() {
        if counts[i] == 0 {
            let largest = (0..counts.len()).max_by_key(|&j| (counts[j], usize::MAX - j));
            match largest {
                Some(j) if counts[j] > 1 => {
                    counts[j] -= 1;
                    counts[i] = 1;
                }
                _ => {}
            }
        }
    }
    counts
}

/// Head of unit, layers of managers, team leads (one per ~10 staff) and staff.
fn build_unit(
    rng: &mut ChaCha8Rng,
    unit: usize,
    size: usize,
    pool_len: usize,
    out: &mut Vec<Draft>,
) {
    if size == 0 {
        return;
    }
    let spec: &Unit = &UNITS[unit];
    let rest = size - 1;
    let leads = if rest < 5 {
        0
    } else {
        rest.div_ceil(TEAM_SIZE)
    };
    let mut layers = Vec::new();
    let mut top = leads;
    while top > SPAN {
        top = top.div_ceil(SPAN);
        layers.push(top);
    }
    let managers: usize = layers.iter().sum();
    let staff = rest - leads - managers;

    let head = out.len();
    let office = pick_weighted(rng, &OFFICES[..UK_OFFICES], |o| o.weight);
    out.push(Draft {
        unit,
        rank: Rank::Head,
        title: spec.head_title.to_owned(),
        office,
        manager: None,
        theme: theme(rng, pool_len),
    });

    // Build top-down: each layer's members are spread evenly over the layer above.
    let mut above: Vec<usize> = vec![head];
    // In very large units the top management layer are deputies to the head.
    let deputy = [format!("Deputy {}", spec.head_title)];
    let manager = [spec.manager_title.to_owned()];
    for (depth, &count) in layers.iter().rev().enumerate() {
        let titles = if depth == 0 && layers.len() > 1 {
            &deputy
        } else {
            &manager
        };
        above = add_layer(rng, out, &above, count, unit, Rank::Manager, titles);
    }
    let own = |titles: &[&str]| titles.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
    if leads > 0 {
        above = add_layer(
            rng,
            out,
            &above,
            leads,
            unit,
            Rank::Lead,
            &own(spec.lead_titles),
        );
    }
    add_layer(
        rng,
        out,
        &above,
        staff,
        unit,
        Rank::Staff,
        &own(spec.staff_titles),
    );
}

/// Adds `count` people spread evenly under the people in `above`.
fn add_layer(
    rng: &mut ChaCha8Rng,
    out: &mut Vec<Draft>,
    above: &[usize],
    count: usize,
    unit: usize,
    rank: Rank,
    titles: &[String],
) -> Vec<usize> {
    let pool_len = UNITS[unit].pool.len();
    let mut added = Vec::with_capacity(count);
    for i in 0..count {
        let manager = above[i * above.len() / count];
        // Most staff sit with their lead; managers and leads are spread out.
        let office = if rank == Rank::Staff && rng.random::<f64>() < 0.6 {
            out[manager].office
        } else {
            pick_weighted(rng, OFFICES, |o| o.weight)
        };
        // Staff share their lead's specialism; leads and managers have their own.
        let theme = if rank == Rank::Staff {
            out[manager].theme.clone()
        } else {
            theme(rng, pool_len)
        };
        // Earlier titles are the more common jobs.
        let title = titles[pick_weighted(rng, titles, |t| title_weight(titles, t))].clone();
        added.push(out.len());
        out.push(Draft {
            unit,
            rank,
            title,
            office,
            manager: Some(manager),
            theme,
        });
    }
    added
}

fn title_weight(titles: &[String], title: &String) -> f64 {
    let i = titles
        .iter()
        .position(|t| std::ptr::eq(t, title))
        .unwrap_or(0);
    1.0 / (i as f64 + 1.0).powf(0.7)
}

/// 4% of people (never a unit head) leaving within 1–6 months, 1% of people (staff
/// only, so nobody reports to them) already gone.
fn pick_statuses(
    rng: &mut ChaCha8Rng,
    drafts: &[Draft],
    today: NaiveDate,
) -> Vec<(Status, Option<NaiveDate>)> {
    let mut statuses = vec![(Status::Active, None); drafts.len()];
    let mut leaving = (drafts.len() as f64 * 0.04).round() as usize;
    let mut left = (drafts.len() as f64 * 0.01).round() as usize;
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.shuffle(rng);
    for i in order {
        if leaving > 0 && drafts[i].rank != Rank::Head {
            leaving -= 1;
            statuses[i] = (
                Status::Leaving,
                Some(today + Duration::days(rng.random_range(30..=183))),
            );
        } else if left > 0 && drafts[i].rank == Rank::Staff {
            left -= 1;
            statuses[i] = (
                Status::Left,
                Some(today - Duration::days(rng.random_range(7..=300))),
            );
        }
    }
    statuses
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Active => "active",
        Status::Leaving => "leaving",
        Status::Left => "left",
    }
}
