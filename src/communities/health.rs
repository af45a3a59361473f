//! How a community is doing, for its leads: who is in it and where, which
//! of its skills no active member holds, who is leaving and what they take
//! with them, joins by month and requests waiting.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::domain::{Person, PersonSkill, PersonStatus};
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
    pub pending: usize,
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
            let all = health(store, &c.id, |_| true, true).await.expect("health");
            let none = health(store, &c.id, |_| false, false)
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
