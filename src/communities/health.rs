//! How a community is doing, for its leads: who is in it and where, which
//! of its skills no active member holds, who is leaving and what they take
//! with them, joins by month, what members wrote month by month, and
//! requests waiting.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::domain::{Membership, Person, PersonSkill, PersonStatus};
use crate::refusal::Refusal;
use crate::store::Store;

/// A member who is leaving, and which of the community's skills they hold.
#[derive(Debug, Clone)]
pub struct LeavingMember {
    pub person: Person,
    /// The community's skills they hold.
    pub topics: Vec<String>,
    /// (skill, person): who they named in their finished interview to take
    /// on each of those topics.
    pub inherited: Vec<(String, String)>,
    /// Of their topics, the ones no active member will hold once they have
    /// gone, and nobody was named to inherit.
    pub uncovered: Vec<String>,
}

/// The health figures of one community.
#[derive(Debug, Clone, Default)]
pub struct Health {
    pub members: usize,
    /// Members who are neither leaving nor gone.
    pub active: usize,
    /// Members who have not left, per office name, largest first.
    pub by_office: Vec<(String, usize)>,
    pub by_country: Vec<(String, usize)>,
    /// The community's skills no active member holds.
    pub uncovered: Vec<String>,
    /// Leaving members the reader may see, by name: an order by date would
    /// tell the reader the order of colleagues' leaving dates.
    pub leaving: Vec<LeavingMember>,
    /// Joins per month (`YYYY-MM`), oldest first.
    pub joins: Vec<(String, usize)>,
    /// The last [`ACTIVITY_MONTHS`] months, oldest first, this one last.
    pub activity: Vec<MonthActivity>,
    pub pending: usize,
}

/// How many months [`Health::activity`] covers, the current one included.
pub const ACTIVITY_MONTHS: i32 = 12;

/// One month of a community's life: what its members wrote, and who joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthActivity {
    /// `YYYY-MM`, in UTC.
    pub month: String,
    /// Documents, reports and other writing by members (answers and
    /// questions apart), each counted once however many members wrote it.
    pub documents: usize,
    /// Answers written by members.
    pub answers: usize,
    /// Members who joined that month (and are still members).
    pub joins: usize,
}

/// The first day of each of the last `n` months up to `now`'s, oldest first.
fn last_months(now: DateTime<Utc>, n: i32) -> Vec<NaiveDate> {
    let current = now.year() * 12 + now.month0() as i32;
    (current - n + 1..=current)
        .filter_map(|m| NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1))
        .collect()
}

/// Month by month over `months` (first days, oldest first): the evidence
/// `written` (kind, when) by members, and the `members`' joins.
fn activity(
    months: &[NaiveDate],
    written: &[(String, DateTime<Utc>)],
    members: &[Membership],
) -> Vec<MonthActivity> {
    let key = |d: NaiveDate| d.format("%Y-%m").to_string();
    let mut out: Vec<MonthActivity> = months
        .iter()
        .map(|d| MonthActivity {
            month: key(*d),
            documents: 0,
            answers: 0,
            joins: 0,
        })
        .collect();
    let at = |t: &DateTime<Utc>| {
        let month = t.format("%Y-%m").to_string();
        out.iter().position(|m| m.month == month)
    };
    let mut counts: Vec<(usize, &str)> = Vec::new();
    for (kind, when) in written {
        if let Some(i) = at(when) {
            counts.push((i, kind.as_str()));
        }
    }
    let joined: Vec<usize> = members.iter().filter_map(|m| at(&m.joined_at)).collect();
    for (i, kind) in counts {
        match kind {
            "answer" => out[i].answers += 1,
            "question" => {}
            _ => out[i].documents += 1,
        }
    }
    for i in joined {
        out[i].joins += 1;
    }
    out
}

/// Per leaving member: (skill, successor) named in their finished
/// interviews; only published ones unless `reveal` (an unpublished record's
/// successors are HR's to see).
async fn inheritance(
    store: &dyn Store,
    people: &[Person],
    reveal: bool,
) -> Result<HashMap<String, Vec<(String, String)>>, Refusal> {
    let leaving: Vec<String> = people
        .iter()
        .filter(|p| p.status == PersonStatus::Leaving)
        .map(|p| p.id.clone())
        .collect();
    if leaving.is_empty() {
        return Ok(HashMap::new());
    }
    let finished: HashMap<String, String> = store
        .interviews_of_people(&leaving)
        .await?
        .into_iter()
        .filter(|i| i.completed_at.is_some())
        .filter(|i| reveal || (i.published_at.is_some() && i.summary.is_some()))
        .filter_map(|i| i.person_id.map(|p| (i.id, p)))
        .collect();
    let ids: Vec<String> = finished.keys().cloned().collect();
    let named = store.successors_of(&ids).await?;
    // Only successors who stay inherit: someone gone or going takes it too.
    let who: Vec<String> = named.iter().map(|s| s.person_id.clone()).collect();
    let staying: HashSet<String> = store
        .people_by_ids(&who)
        .await?
        .into_iter()
        .filter(|p| p.status == PersonStatus::Active)
        .map(|p| p.id)
        .collect();
    let mut out: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for s in named.into_iter().filter(|s| staying.contains(&s.person_id)) {
        if let Some(leaver) = finished.get(&s.interview_id) {
            out.entry(leaver.clone())
                .or_default()
                .push((s.skill_id, s.person_id));
        }
    }
    Ok(out)
}

/// Counts largest first, then by label.
fn counted(map: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// The health of `community`; `named` says whether the reader may see a
/// person by name (the counts include everyone), `reveal` whether they may
/// see successors named in interviews not yet published (HR).
pub async fn health(
    store: &dyn Store,
    community: &str,
    named: impl Fn(&Person) -> bool,
    reveal: bool,
    now: DateTime<Utc>,
) -> Result<Health, Refusal> {
    let ids = [community.to_string()];
    let members = store.members_of_communities(&ids).await?;
    let person_ids: Vec<String> = members.iter().map(|m| m.person_id.clone()).collect();
    let people = store.people_by_ids(&person_ids).await?;
    let offices: HashMap<String, String> = store
        .offices()
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let topics: Vec<String> = store
        .skills_of_communities(&ids)
        .await?
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let held: Vec<PersonSkill> = store
        .skills_of_people(&person_ids)
        .await?
        .into_iter()
        .filter(|s| s.level.holds() && topics.contains(&s.skill_id))
        .collect();
    let status: HashMap<&str, PersonStatus> =
        people.iter().map(|p| (p.id.as_str(), p.status)).collect();
    let active_holders: HashSet<&str> = held
        .iter()
        .filter(|s| status.get(s.person_id.as_str()) == Some(&PersonStatus::Active))
        .map(|s| s.skill_id.as_str())
        .collect();
    let mut by_office = BTreeMap::new();
    let mut by_country = BTreeMap::new();
    for p in people.iter().filter(|p| p.status != PersonStatus::Left) {
        let office = p
            .office_id
            .as_ref()
            .and_then(|o| offices.get(o).cloned())
            .unwrap_or_else(|| "No office".into());
        *by_office.entry(office).or_insert(0) += 1;
        let country = p.country.clone().unwrap_or_else(|| "Unknown".into());
        *by_country.entry(country).or_insert(0) += 1;
    }
    let inheritance = inheritance(store, &people, reveal).await?;
    let mut leaving: Vec<LeavingMember> = people
        .iter()
        .filter(|p| p.status == PersonStatus::Leaving && named(p))
        .map(|p| {
            let mine: Vec<String> = held
                .iter()
                .filter(|s| s.person_id == p.id)
                .map(|s| s.skill_id.clone())
                .collect();
            let inherited: Vec<(String, String)> = inheritance
                .get(&p.id)
                .into_iter()
                .flatten()
                .filter(|(skill, _)| mine.contains(skill))
                .cloned()
                .collect();
            let uncovered = mine
                .iter()
                .filter(|s| !active_holders.contains(s.as_str()))
                .filter(|s| !inherited.iter().any(|(k, _)| k == *s))
                .cloned()
                .collect();
            LeavingMember {
                person: p.clone(),
                topics: mine,
                inherited,
                uncovered,
            }
        })
        .collect();
    leaving.sort_by(|a, b| (&a.person.name, &a.person.id).cmp(&(&b.person.name, &b.person.id)));
    let mut joins = BTreeMap::new();
    for m in &members {
        *joins
            .entry(m.joined_at.format("%Y-%m").to_string())
            .or_insert(0) += 1;
    }
    let months = last_months(now, ACTIVITY_MONTHS);
    let written = match months.first() {
        Some(first) => {
            store
                .evidence_written_since(community, first.and_time(Default::default()).and_utc())
                .await?
        }
        None => vec![],
    };
    let pending = store
        .pending_counts(&ids)
        .await?
        .first()
        .map_or(0, |(_, n)| *n as usize);
    Ok(Health {
        members: members.len(),
        active: people
            .iter()
            .filter(|p| p.status == PersonStatus::Active)
            .count(),
        by_office: counted(by_office),
        by_country: counted(by_country),
        uncovered: topics
            .iter()
            .filter(|s| !active_holders.contains(s.as_str()))
            .cloned()
            .collect(),
        leaving,
        joins: joins.into_iter().collect(),
        activity: activity(&months, &written, &members),
        pending,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CommunityStatus;
    use crate::store::PageRequest;
    use crate::store::testing::demo;

    #[tokio::test]
    async fn health_counts_everyone_and_names_only_those_the_reader_may_see() {
        let (_dir, store) = demo(60).await;
        let store = store.as_ref();
        let communities = store
            .list_communities(
                None,
                Some(CommunityStatus::Active),
                &PageRequest {
                    first: 50,
                    after: None,
                },
            )
            .await
            .expect("communities")
            .items;
        let mut checked = 0;
        for (_, c) in communities {
            let now = Utc::now();
            let all = health(store, &c.id, |_| true, true, now)
                .await
                .expect("health");
            let none = health(store, &c.id, |_| false, false, now)
                .await
                .expect("health");
            assert!(
                none.leaving.is_empty(),
                "nobody named to a reader who sees no one"
            );
            assert_eq!(all.members, none.members, "counts include everyone");
            let not_left: usize = all.by_office.iter().map(|(_, n)| n).sum();
            assert!(not_left <= all.members && all.active <= not_left);
            assert!(
                all.by_office.windows(2).all(|w| w[0].1 >= w[1].1),
                "largest first"
            );
            let joined: usize = all.joins.iter().map(|(_, n)| n).sum();
            assert_eq!(joined, all.members);
            assert_eq!(all.activity.len(), ACTIVITY_MONTHS as usize);
            assert_eq!(all.activity, none.activity, "counts, not names");
            for l in &all.leaving {
                assert_eq!(l.person.status, PersonStatus::Leaving);
                assert!(l.uncovered.iter().all(|s| l.topics.contains(s)));
                assert!(l.uncovered.iter().all(|s| all.uncovered.contains(s)));
            }
            checked += 1;
        }
        assert!(checked > 0, "the demo has communities");
    }
}

#[cfg(test)]
mod activity_tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0)
            .single()
            .expect("a date")
    }

    #[test]
    fn the_last_twelve_months_run_across_the_new_year_and_count_by_kind() {
        let months = last_months(at(2027, 2, 15), 12);
        let labels: Vec<String> = months
            .iter()
            .map(|d| d.format("%Y-%m").to_string())
            .collect();
        assert_eq!(labels.first().map(String::as_str), Some("2026-03"));
        assert_eq!(labels.last().map(String::as_str), Some("2027-02"));
        assert_eq!(labels.len(), 12);
        let written = vec![
            ("document".to_string(), at(2026, 12, 1)),
            ("report".to_string(), at(2026, 12, 31)),
            ("answer".to_string(), at(2026, 12, 5)),
            ("question".to_string(), at(2026, 12, 5)),
            ("answer".to_string(), at(2027, 2, 1)),
            // Before the window: not counted anywhere.
            ("document".to_string(), at(2026, 2, 28)),
        ];
        let member = |when| Membership {
            community_id: "c".into(),
            person_id: "p".into(),
            role: crate::domain::CommunityRole::Member,
            joined_at: when,
        };
        let members = [member(at(2027, 2, 3)), member(at(2020, 1, 1))];
        let got = activity(&months, &written, &members);
        let dec = got.iter().find(|m| m.month == "2026-12").expect("December");
        assert_eq!((dec.documents, dec.answers, dec.joins), (2, 1, 0));
        let feb = got.last().expect("this month");
        assert_eq!(
            (feb.month.as_str(), feb.documents, feb.answers, feb.joins),
            ("2027-02", 0, 1, 1)
        );
        let total: usize = got.iter().map(|m| m.documents + m.answers + m.joins).sum();
        assert_eq!(total, 5);
    }
}
