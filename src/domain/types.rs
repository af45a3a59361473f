use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::Invalid;

macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The lower-case form stored in the database and used in import files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the stored or imported form, case-insensitively.
            pub fn parse(value: &str) -> Result<Self, Invalid> {
                let v = value.trim().to_ascii_lowercase();
                $(if v == $text { return Ok($name::$variant); })+
                let allowed: Vec<&str> = vec![$($text),+];
                Err(Invalid::new(format!(
                    "'{value}' is not a valid {}; use one of: {}",
                    stringify!($name).to_lowercase(),
                    allowed.join(", ")
                )))
            }
        }
    };
}

pub(super) use text_enum;

text_enum!(
    /// Where a person is in their time with the organisation.
    PersonStatus { Active = "active", Leaving = "leaving", Left = "left" }
);
impl PersonStatus {
    /// Leavers: people leaving or gone (their knowledge is what a harvest keeps).
    pub const LEAVERS: &'static [PersonStatus] = &[PersonStatus::Leaving, PersonStatus::Left];
}

text_enum!(
    /// How we know a person has a skill; later sources weigh more.
    SkillSource { SelfDeclared = "self", Endorsed = "endorsed", Evidence = "evidence", Harvested = "harvested" }
);
text_enum!(
    /// A member's role in a community.
    CommunityRole { Lead = "lead", Expert = "expert", Member = "member" }
);
impl CommunityRole {
    /// Highest first: when two memberships meet (a merge), the higher stays.
    pub const ORDER: [CommunityRole; 3] = [
        CommunityRole::Lead,
        CommunityRole::Expert,
        CommunityRole::Member,
    ];
}

/// A community that has a lead always keeps one: a change that took away
/// its last lead (it had `before`, it would have `after`) is refused.
pub fn keeps_a_lead(before: i64, after: i64) -> Result<(), Invalid> {
    if before > 0 && after == 0 {
        return Err(Invalid::new(
            "a community always keeps at least one lead: make someone else a lead first",
        ));
    }
    Ok(())
}

text_enum!(
    /// Proposed (waiting for an admin), active, or archived by its leads.
    CommunityStatus { Proposed = "proposed", Active = "active", Archived = "archived" }
);
text_enum!(
    /// Who may join a community without asking.
    Visibility { Open = "open", Closed = "closed" }
);

/// Someone holds a skill (counts towards its holders, its risk and a
/// community's coverage) from this level up: 3, working knowledge.
pub const HOLDER_LEVEL: i64 = 3;

/// A skill level from 1 (awareness) to 5 (expert).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Level(u8);

impl Level {
    pub const DEFAULT: Level = Level(3);

    pub fn new(value: i64) -> Result<Self, Invalid> {
        if (1..=5).contains(&value) {
            Ok(Level(value as u8))
        } else {
            Err(Invalid::new(format!(
                "level must be between 1 and 5, not {value}"
            )))
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// Whether this level counts as holding the skill ([`HOLDER_LEVEL`]).
    pub fn holds(self) -> bool {
        i64::from(self.0) >= HOLDER_LEVEL
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Office {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    pub timezone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub org_unit: Option<String>,
    pub office_id: Option<String>,
    pub country: Option<String>,
    pub timezone: Option<String>,
    pub manager_id: Option<String>,
    pub status: PersonStatus,
    pub leaving_on: Option<NaiveDate>,
    pub discoverable: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Person {
    /// Someone colleagues may find and list: still here and not opted out.
    /// Everyone else is shown only to themselves, HR and admins.
    pub fn is_contact(&self) -> bool {
        self.status != PersonStatus::Left && self.discoverable
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skill {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub broader_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonSkill {
    pub person_id: String,
    pub skill_id: String,
    pub level: Level,
    pub source: SkillSource,
    pub last_used: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Endorsement {
    pub person_id: String,
    pub skill_id: String,
    pub endorser_id: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Community {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub visibility: Visibility,
    pub status: CommunityStatus,
    /// Who proposed it, when someone did.
    pub proposed_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membership {
    pub community_id: String,
    pub person_id: String,
    pub role: CommunityRole,
    pub joined_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub id: String,
    pub kind: String,
    pub title: Option<String>,
    pub text: String,
    /// Where the original can be opened (`http` or `https`).
    pub url: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_and_explain_mistakes() {
        for s in PersonStatus::ALL {
            assert_eq!(PersonStatus::parse(s.as_str()), Ok(*s));
        }
        assert_eq!(CommunityRole::parse("LEAD"), Ok(CommunityRole::Lead));
        let err = PersonStatus::parse("retired").unwrap_err();
        assert!(err.0.contains("active, leaving, left"), "{err}");
    }

    #[test]
    fn levels_are_one_to_five() {
        assert!(Level::new(0).is_err());
        assert_eq!(Level::new(5).map(Level::get), Ok(5));
        assert!(Level::new(6).is_err());
    }
}

text_enum!(
    /// Where a request to join a closed community is.
    RequestStatus { Pending = "pending", Approved = "approved", Declined = "declined", Withdrawn = "withdrawn" }
);

text_enum!(
    /// A request to join, made by the person, decided by the community's
    /// leads; or an invitation, made by a lead, decided by the person.
    RequestKind { Join = "join", Invitation = "invitation" }
);

/// A person's request to join a closed community, decided by its leads; or a
/// lead's invitation, which the invited person accepts or declines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JoinRequest {
    pub id: String,
    pub community_id: String,
    /// Who would join: the applicant, or the invited person.
    pub person_id: String,
    pub kind: RequestKind,
    /// The role they take on joining.
    pub role: CommunityRole,
    /// The lead (or admin) who invited them; `None` for a request to join.
    pub invited_by: Option<String>,
    pub message: Option<String>,
    pub status: RequestStatus,
    /// Why it was declined (or a note on approval).
    pub reason: Option<String>,
    pub decided_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}
