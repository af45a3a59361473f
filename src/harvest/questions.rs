//! Questions drawn from the graph for one leaver: the knowledge only they or
//! few others hold, the communities they keep going, the documents they own.

use crate::domain::HOLDER_LEVEL;
use crate::domain::QuestionOrigin;
use crate::store::NewQuestion;

/// A skill the leaver holds, with how many others hold it at level 3+.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldSkill {
    pub skill_id: String,
    pub name: String,
    pub level: u8,
    pub other_holders: i64,
    /// On the knowledge-at-risk list.
    pub at_risk: bool,
}

/// What the questions are drawn from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub skills: Vec<HeldSkill>,
    /// `(community name, leads it)`
    pub communities: Vec<(String, bool)>,
    /// Titles of documents they wrote, newest first.
    pub documents: Vec<String>,
}

/// A skill is asked about when at most this many others hold it.
const MAX_OTHER_HOLDERS: i64 = 3;
/// Skills asked about, at most.
const MAX_SKILLS: usize = 6;
const MAX_COMMUNITIES: usize = 3;
const MAX_DOCUMENTS: usize = 3;

fn count_words(n: i64) -> String {
    match n {
        2 => "two".into(),
        3 => "three".into(),
        4 => "four".into(),
        n => n.to_string(),
    }
}

/// The generated questions, scarcest knowledge first.
pub fn generate(src: &Sources) -> Vec<NewQuestion> {
    let mut skills: Vec<&HeldSkill> = src
        .skills
        .iter()
        .filter(|s| i64::from(s.level) >= HOLDER_LEVEL && s.other_holders <= MAX_OTHER_HOLDERS)
        .collect();
    skills.sort_by(|a, b| {
        a.other_holders
            .cmp(&b.other_holders)
            .then(b.at_risk.cmp(&a.at_risk))
            .then(b.level.cmp(&a.level))
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut out: Vec<NewQuestion> = skills
        .into_iter()
        .take(MAX_SKILLS)
        .map(|s| NewQuestion {
            text: match s.other_holders {
                0 => format!(
                    "You are the only person here who knows {}. What should whoever takes it on learn first, and where is it written down?",
                    s.name
                ),
                n => format!(
                    "You are one of {} people who know {}. Who should we ask about it after you leave?",
                    count_words(n + 1),
                    s.name
                ),
            },
            origin: QuestionOrigin::Generated,
            skill_id: Some(s.skill_id.clone()),
        })
        .collect();
    let mut communities = src.communities.clone();
    communities.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.extend(
        communities
            .iter()
            .take(MAX_COMMUNITIES)
            .map(|(name, lead)| {
                let text = if *lead {
                    format!("You lead {name}. Who should take it on, and what does it need next?")
                } else {
                    format!("What does {name} rely on you for, and who could do it after you?")
                };
                NewQuestion {
                    text,
                    origin: QuestionOrigin::Generated,
                    skill_id: None,
                }
            }),
    );
    out.extend(
        src.documents
            .iter()
            .take(MAX_DOCUMENTS)
            .map(|title| NewQuestion {
                text: format!(
                    "Is \"{title}\" still current? Who should keep it up to date after you leave?"
                ),
                origin: QuestionOrigin::Generated,
                skill_id: None,
            }),
    );
    out.push(NewQuestion {
        text: "Which people outside the organisation (suppliers, partners, regulators) should your successors keep in touch with?".into(),
        origin: QuestionOrigin::Generated,
        skill_id: None,
    });
    out
}

/// Reads what [`generate`] needs about `leaver` from the store.
pub async fn sources(
    store: &dyn crate::store::Store,
    leaver: &str,
    today: chrono::NaiveDate,
) -> Result<Sources, crate::store::StoreError> {
    use std::collections::HashMap;

    use crate::store::{EvidenceFilter, PageRequest, RiskScope};

    let me = [leaver.to_string()];
    let held = store.skills_of_people(&me).await?;
    let ids: Vec<String> = held.iter().map(|s| s.skill_id.clone()).collect();
    let names: HashMap<String, String> = store
        .skills_by_ids(&ids)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let holdings = store.skill_holdings(today, &RiskScope::default()).await?;
    let holders: HashMap<String, i64> = holdings
        .iter()
        .map(|h| (h.skill_id.clone(), h.holders))
        .collect();
    let at_risk: std::collections::HashSet<String> =
        super::assess(holdings, &super::Cover::default(), today)
            .into_iter()
            .map(|r| r.holding.skill_id)
            .collect();
    let skills = held
        .iter()
        .filter_map(|s| {
            let level = s.level.get();
            let counted = i64::from(i64::from(level) >= HOLDER_LEVEL);
            let all = holders.get(&s.skill_id).copied().unwrap_or(0);
            Some(HeldSkill {
                name: names.get(&s.skill_id)?.clone(),
                skill_id: s.skill_id.clone(),
                level,
                other_holders: (all - counted).max(0),
                at_risk: at_risk.contains(&s.skill_id),
            })
        })
        .collect();
    let memberships = store.memberships_of_people(&me).await?;
    let community_ids: Vec<String> = memberships.iter().map(|m| m.community_id.clone()).collect();
    let community_names: HashMap<String, String> = store
        .communities_by_ids(&community_ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let communities = memberships
        .iter()
        .filter_map(|m| {
            Some((
                community_names.get(&m.community_id)?.clone(),
                m.role == crate::domain::CommunityRole::Lead,
            ))
        })
        .collect();
    let page = store
        .list_evidence(
            &EvidenceFilter {
                author_id: Some(leaver.to_string()),
                skill_id: None,
            },
            &PageRequest {
                first: MAX_DOCUMENTS,
                after: None,
            },
        )
        .await?;
    let documents = page
        .items
        .into_iter()
        .filter_map(|(_, e)| e.title)
        .collect();
    Ok(Sources {
        skills,
        communities,
        documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skill(id: &str, others: i64, level: u8) -> HeldSkill {
        HeldSkill {
            skill_id: id.into(),
            name: format!("Skill {id}"),
            level,
            other_holders: others,
            at_risk: false,
        }
    }

    #[test]
    fn scarce_knowledge_comes_first_in_words() {
        let src = Sources {
            skills: vec![
                skill("a", 1, 4),
                skill("b", 0, 3),
                skill("c", 9, 5),
                skill("d", 0, 2),
            ],
            communities: vec![("Records Network".into(), true)],
            documents: vec!["Retention schedule".into()],
        };
        let q = generate(&src);
        let texts: Vec<&str> = q.iter().map(|q| q.text.as_str()).collect();
        assert!(
            texts[0].starts_with("You are the only person here who knows Skill b"),
            "{texts:?}"
        );
        assert_eq!(
            texts[1],
            "You are one of two people who know Skill a. Who should we ask about it after you leave?"
        );
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("Skill c") || t.contains("Skill d"))
        );
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("You lead Records Network"))
        );
        assert!(texts.iter().any(|t| t.contains("\"Retention schedule\"")));
        assert!(q.iter().all(|q| q.origin == QuestionOrigin::Generated));
        assert_eq!(q[0].skill_id.as_deref(), Some("b"));
    }
}
