//! Records exactly as `FORMATS.md` defines them: the public import contract.
//!
//! Unknown fields are ignored; optional fields may be absent or `null`.

use serde::{Deserialize, Serialize};

/// One line of `people.jsonl` (or one row of `people.csv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub org_unit: Option<String>,
    #[serde(default)]
    pub office: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub manager_id: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub leaving_on: Option<String>,
    #[serde(default)]
    pub skills: Option<Vec<PersonSkillRecord>>,
    /// Handles in other systems, e.g. `{"slack": "U123"}`: values are strings.
    #[serde(default)]
    pub handles: Option<std::collections::BTreeMap<String, serde_json::Value>>,
}

/// `{"skill": name, "level": 1..5}` inside a person record; self-declared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonSkillRecord {
    pub skill: String,
    #[serde(default)]
    pub level: Option<i64>,
}

/// One line of `skills.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillRecord {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub aliases: Option<Vec<String>>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub broader: Option<String>,
    #[serde(default)]
    pub related: Option<Vec<String>>,
}

/// One line of `communities.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommunityRecord {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub skills: Option<Vec<String>>,
    #[serde(default)]
    pub members: Option<Vec<MemberRecord>>,
}

/// `{"person_id": .., "role": "lead|expert|member"}` inside a community record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberRecord {
    pub person_id: String,
    #[serde(default)]
    pub role: Option<String>,
}

/// One line of `evidence.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    pub id: String,
    pub author_ids: Vec<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    pub created_at: Option<String>,
    /// Where the original can be opened: `https://` or `http://`.
    #[serde(default)]
    pub url: Option<String>,
}

/// One line of `interviews.jsonl`: a harvest interview held elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InterviewRecord {
    pub id: String,
    pub leaver_id: String,
    #[serde(default)]
    pub interviewer_id: Option<String>,
    pub status: String,
    pub scheduled_for: String,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub completed_at: Option<String>,
    #[serde(default)]
    pub published_at: Option<String>,
    #[serde(default)]
    pub consent: Option<bool>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub outside_contacts: Option<String>,
    #[serde(default)]
    pub questions: Option<Vec<QuestionRecord>>,
    #[serde(default)]
    pub topics: Option<Vec<String>>,
    #[serde(default)]
    pub successors: Option<Vec<SuccessorRecord>>,
    #[serde(default)]
    pub retention_days: Option<i64>,
    #[serde(default)]
    pub hold: Option<bool>,
    #[serde(default)]
    pub hold_reason: Option<String>,
}

/// `{"text": .., "answer": .., "skill": .., "origin": ..}` inside an interview record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionRecord {
    pub text: String,
    #[serde(default)]
    pub answer: Option<String>,
    #[serde(default)]
    pub skill: Option<String>,
    #[serde(default)]
    pub origin: Option<String>,
}

/// `{"skill": .., "person_id": .., "note": ..}` inside an interview record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuccessorRecord {
    pub skill: String,
    pub person_id: String,
    #[serde(default)]
    pub note: Option<String>,
}
