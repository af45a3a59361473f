//! One DataLoader per relation, created per request, so a page of 50 people
//! costs a fixed number of statements however many fields it asks for.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};

use crate::domain::{
    Community, DisposalCertificate, Endorsement, Evidence, Interview, JoinRequest, Membership,
    Office, Person, PersonSkill, Question, QuestionAnswer, Skill, Successor,
};
use crate::error::ApiError;
use crate::store::Store;

/// Loads one value per id.
macro_rules! by_id {
    ($name:ident, $value:ty, $method:ident) => {
        pub struct $name(Arc<dyn Store>);
        impl Loader<String> for $name {
            type Value = $value;
            type Error = ApiError;
            async fn load(&self, keys: &[String]) -> Result<HashMap<String, $value>, ApiError> {
                let items = self.0.$method(keys).await?;
                Ok(items.into_iter().map(|v| (v.id.clone(), v)).collect())
            }
        }
    };
}

/// Loads a list of values per owner id; `$owner` picks the owner from each value.
macro_rules! grouped {
    ($name:ident, $value:ty, $method:ident, $owner:expr, $into:expr) => {
        pub struct $name(Arc<dyn Store>);
        impl Loader<String> for $name {
            type Value = Vec<$value>;
            type Error = ApiError;
            async fn load(
                &self,
                keys: &[String],
            ) -> Result<HashMap<String, Vec<$value>>, ApiError> {
                let mut out: HashMap<String, Vec<$value>> =
                    keys.iter().map(|k| (k.clone(), Vec::new())).collect();
                for item in self.0.$method(keys).await? {
                    let owner: String = $owner(&item);
                    out.entry(owner).or_default().push($into(item));
                }
                Ok(out)
            }
        }
    };
}

by_id!(PersonById, Person, people_by_ids);
by_id!(OfficeById, Office, offices_by_ids);
by_id!(SkillById, Skill, skills_by_ids);
by_id!(CommunityById, Community, communities_by_ids);
by_id!(EvidenceById, Evidence, evidence_by_ids);
by_id!(InterviewById, Interview, interviews_by_ids);

grouped!(
    SkillsOfPerson,
    PersonSkill,
    skills_of_people,
    |s: &PersonSkill| s.person_id.clone(),
    |s| s
);
grouped!(
    HoldersOfSkill,
    PersonSkill,
    holders_of_skills,
    |s: &PersonSkill| s.skill_id.clone(),
    |s| s
);
grouped!(
    EndorsementsOfPerson,
    Endorsement,
    endorsements_of_people,
    |e: &Endorsement| e.person_id.clone(),
    |e| e
);
grouped!(
    MembershipsOfPerson,
    Membership,
    memberships_of_people,
    |m: &Membership| m.person_id.clone(),
    |m| m
);
grouped!(
    MembersOfCommunity,
    Membership,
    members_of_communities,
    |m: &Membership| m.community_id.clone(),
    |m| m
);
grouped!(
    NarrowerOfSkill,
    Skill,
    narrower_of,
    |s: &Skill| s.broader_id.clone().unwrap_or_default(),
    |s| s
);

grouped!(
    AnswersOfQuestion,
    QuestionAnswer,
    answers_of,
    |a: &QuestionAnswer| a.question_id.clone(),
    |a| a
);

type Pair = (String, String);
fn first(p: &Pair) -> String {
    p.0.clone()
}
fn second(p: Pair) -> String {
    p.1
}
grouped!(
    SkillsOfCommunity,
    String,
    skills_of_communities,
    first,
    second
);
grouped!(
    AuthorsOfEvidence,
    String,
    authors_of_evidence,
    first,
    second
);
grouped!(TagsOfEvidence, String, tags_of_evidence, first, second);
grouped!(EvidenceOfPerson, String, evidence_of_people, first, second);
grouped!(AliasesOfSkill, String, aliases_of, first, second);
grouped!(TopicsOfInterview, String, topics_of, first, second);
grouped!(
    HarvestsOfSkill,
    Interview,
    harvests_of_skills,
    |p: &(String, Interview)| p.0.clone(),
    |p: (String, Interview)| p.1
);
grouped!(
    SuccessorsOfInterview,
    Successor,
    successors_of,
    |s: &Successor| s.interview_id.clone(),
    |s| s
);
grouped!(
    QuestionsOfInterview,
    Question,
    questions_of,
    |q: &Question| q.interview_id.clone(),
    |q| q
);
grouped!(
    CertificatesOfInterview,
    DisposalCertificate,
    certificates_of,
    |c: &DisposalCertificate| c.interview_id.clone(),
    |c| c
);
grouped!(RelatedOfSkill, String, related_of, first, second);
grouped!(
    RequestsOfCommunity,
    JoinRequest,
    pending_requests,
    |r: &JoinRequest| r.community_id.clone(),
    |r| r
);
grouped!(
    InvitationsOfCommunity,
    JoinRequest,
    pending_invitations,
    |r: &JoinRequest| r.community_id.clone(),
    |r| r
);

/// What each person keeps about themselves (a default profile for those with none).
pub struct ProfileOfPerson(Arc<dyn Store>);
impl Loader<String> for ProfileOfPerson {
    type Value = crate::domain::Profile;
    type Error = ApiError;
    async fn load(
        &self,
        keys: &[String],
    ) -> Result<HashMap<String, crate::domain::Profile>, ApiError> {
        let found = self.0.profiles_of(keys).await?;
        Ok(found.into_iter().map(|(id, p)| (id, p.profile)).collect())
    }
}

/// Loads one count per id.
macro_rules! counted {
    ($name:ident, $method:ident) => {
        pub struct $name(Arc<dyn Store>);
        impl Loader<String> for $name {
            type Value = i64;
            type Error = ApiError;
            async fn load(&self, keys: &[String]) -> Result<HashMap<String, i64>, ApiError> {
                Ok(self.0.$method(keys).await?.into_iter().collect())
            }
        }
    };
}

counted!(HeadcountOfOffice, office_headcounts);
counted!(HolderCountOfSkill, holder_counts);
counted!(PendingCountOfCommunity, pending_counts);

/// Declares the request's loaders once: the struct, `new` and `forget`
/// come from the one list, so a new loader is always emptied after a write.
macro_rules! loaders {
    ($($(#[$doc:meta])* $name:ident: $loader:ident;)+) => {
        /// Every loader for one request.
        pub struct Loaders {
            $($(#[$doc])* pub $name: DataLoader<$loader, HashMapCache>,)+
        }

        impl Loaders {
            pub fn new(store: &Arc<dyn Store>) -> Self {
                Loaders {
                    $($name: loader($loader(store.clone())),)+
                }
            }

            /// Empties every cache: a write in this request made them stale.
            pub fn forget(&self) {
                $(self.$name.clear::<String>();)+
            }
        }
    };
}

loaders! {
    person: PersonById;
    office: OfficeById;
    skill: SkillById;
    community: CommunityById;
    evidence: EvidenceById;
    interview: InterviewById;
    skills_of_person: SkillsOfPerson;
    holders_of_skill: HoldersOfSkill;
    endorsements_of_person: EndorsementsOfPerson;
    memberships_of_person: MembershipsOfPerson;
    members_of_community: MembersOfCommunity;
    narrower_of_skill: NarrowerOfSkill;
    skills_of_community: SkillsOfCommunity;
    authors_of_evidence: AuthorsOfEvidence;
    answers_of_question: AnswersOfQuestion;
    tags_of_evidence: TagsOfEvidence;
    evidence_of_person: EvidenceOfPerson;
    aliases_of_skill: AliasesOfSkill;
    related_of_skill: RelatedOfSkill;
    headcount_of_office: HeadcountOfOffice;
    holder_count_of_skill: HolderCountOfSkill;
    topics_of_interview: TopicsOfInterview;
    /// Finished interviews that covered a skill, most recent first.
    harvests_of_skill: HarvestsOfSkill;
    successors_of_interview: SuccessorsOfInterview;
    questions_of_interview: QuestionsOfInterview;
    certificates_of_interview: CertificatesOfInterview;
    /// Requests to join waiting for a lead, per community.
    requests_of_community: RequestsOfCommunity;
    /// Invitations waiting for the invited person's answer, per community.
    invitations_of_community: InvitationsOfCommunity;
    pending_count_of_community: PendingCountOfCommunity;
    profile_of_person: ProfileOfPerson;
}

/// Loads are gathered for a few milliseconds so that a whole level of a query
/// becomes one statement; results are cached for the request (loaders are per request).
fn loader<L: Loader<String>>(l: L) -> DataLoader<L, HashMapCache> {
    DataLoader::with_cache(l, tokio::spawn, HashMapCache::default())
        .max_batch_size(500)
        .delay(std::time::Duration::from_millis(5))
}
