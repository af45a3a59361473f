//! How much each kind of link counts when a walk chooses where to go next.
//! Part of the ranking configuration (`[ranking.weights]`); judged with `tacit eval`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct EdgeWeights {
    /// Per level 1–5, multiplied by the source factor.
    pub has_skill_per_level: f32,
    /// Self-declared, endorsed, evidenced, harvested.
    pub source: [f32; 4],
    /// Added per endorsement (up to five), as a fraction of the link's weight.
    pub per_endorsement: f32,
    /// Lead, expert, member.
    pub member_of: [f32; 3],
    pub about: f32,
    /// Authorship of a document, report or project record.
    pub authored: f32,
    /// An answer shows more than a question.
    pub authored_answer: f32,
    pub authored_question: f32,
    /// A comment on someone else's question or answer.
    pub authored_comment: f32,
    pub tagged: f32,
    /// A finished interview and its leaver.
    pub harvested_from: f32,
    /// A finished interview and each topic it covers.
    pub covers: f32,
    /// A finished interview and each successor it names: what the leaver knew
    /// flows to them.
    pub successor_for: f32,
    pub broader: f32,
    pub related: f32,
    pub reports_to: f32,
}

impl Default for EdgeWeights {
    fn default() -> Self {
        EdgeWeights {
            has_skill_per_level: 0.2,
            source: [1.0, 1.2, 1.4, 1.6],
            per_endorsement: 0.1,
            member_of: [1.0, 0.8, 0.5],
            about: 0.8,
            authored: 1.0,
            authored_answer: 1.2,
            authored_question: 0.1,
            authored_comment: 0.3,
            tagged: 1.0,
            harvested_from: 0.5,
            covers: 3.0,
            successor_for: 3.0,
            broader: 0.3,
            related: 0.2,
            reports_to: 0.1,
        }
    }
}

impl EdgeWeights {
    pub fn has_skill(&self, level: i32, source: &str, endorsements: i64) -> f32 {
        let factor = match source {
            "endorsed" => self.source[1],
            "evidence" => self.source[2],
            "harvested" => self.source[3],
            _ => self.source[0],
        };
        let endorsed = 1.0 + self.per_endorsement * endorsements.clamp(0, 5) as f32;
        self.has_skill_per_level * level.clamp(1, 5) as f32 * factor * endorsed
    }

    pub fn member_of(&self, role: &str) -> f32 {
        match role {
            "lead" => self.member_of[0],
            "expert" => self.member_of[1],
            _ => self.member_of[2],
        }
    }

    pub fn authored(&self, evidence_kind: &str) -> f32 {
        match evidence_kind {
            "answer" => self.authored_answer,
            "question" => self.authored_question,
            "comment" => self.authored_comment,
            _ => self.authored,
        }
    }
}
