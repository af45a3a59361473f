//! One DataLoader per relation, created per request, so a page of 50 people
//! costs a fixed number of statements however many fields it asks for.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};

use crate::domain::{
    Community, DisposalCertificate, Endorsement, Evidence, JoinRequest, Membership, Office, Person,
    PersonSkill, Question, Skill, Successor,
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

/// Every loader for one request.
pub struct Loaders {
    pub person: DataLoader<PersonById, HashMapCache>,
    pub office: DataLoader<OfficeById, HashMapCache>,
    pub skill: DataLoader<SkillById, HashMapCache>,
    pub community: DataLoader<CommunityById, HashMapCache>,
    pub evidence: DataLoader<EvidenceById, HashMapCache>,
    pub skills_of_person: DataLoader<SkillsOfPerson, HashMapCache>,
    pub holders_of_skill: DataLoader<HoldersOfSkill, HashMapCache>,
    pub endorsements_of_person: DataLoader<EndorsementsOfPerson, HashMapCache>,
    pub memberships_of_person: DataLoader<MembershipsOfPerson, HashMapCache>,
    pub members_of_community: DataLoader<MembersOfCommunity, HashMapCache>,
    pub narrower_of_skill: DataLoader<NarrowerOfSkill, HashMapCache>,
    pub skills_of_community: DataLoader<SkillsOfCommunity, HashMapCache>,
    pub authors_of_evidence: DataLoader<AuthorsOfEvidence, HashMapCache>,
    pub tags_of_evidence: DataLoader<TagsOfEvidence, HashMapCache>,
    pub evidence_of_person: DataLoader<EvidenceOfPerson, HashMapCache>,
    pub aliases_of_skill: DataLoader<AliasesOfSkill, HashMapCache>,
    pub related_of_skill: DataLoader<RelatedOfSkill, HashMapCache>,
    pub headcount_of_office: DataLoader<HeadcountOfOffice, HashMapCache>,
    pub holder_count_of_skill: DataLoader<HolderCountOfSkill, HashMapCache>,
    pub topics_of_interview: DataLoader<TopicsOfInterview, HashMapCache>,
    pub successors_of_interview: DataLoader<SuccessorsOfInterview, HashMapCache>,
    pub questions_of_interview: DataLoader<QuestionsOfInterview, HashMapCache>,
    pub certificates_of_interview: DataLoader<CertificatesOfInterview, HashMapCache>,
    /// Requests to join waiting for a lead, per community.
    pub requests_of_community: DataLoader<RequestsOfCommunity, HashMapCache>,
    /// Invitations waiting for the invited person's answer, per community.
    pub invitations_of_community: DataLoader<InvitationsOfCommunity, HashMapCache>,
    pub pending_count_of_community: DataLoader<PendingCountOfCommunity, HashMapCache>,
}

/// Loads are gathered for a few milliseconds so that a whole level of a query
/// becomes one statement; results are cached for the request (loaders are per request).
fn loader<L: Loader<String>>(l: L) -> DataLoader<L, HashMapCache> {
    DataLoader::with_cache(l, tokio::spawn, HashMapCache::default())
        .max_batch_size(500)
        .delay(std::time::Duration::from_millis(5))
}

impl Loaders {
    pub fn new(store: &Arc<dyn Store>) -> Self {
        let s = || store.clone();
        Loaders {
            person: loader(PersonById(s())),
            office: loader(OfficeById(s())),
            skill: loader(SkillById(s())),
            community: loader(CommunityById(s())),
            evidence: loader(EvidenceById(s())),
            skills_of_person: loader(SkillsOfPerson(s())),
            holders_of_skill: loader(HoldersOfSkill(s())),
            endorsements_of_person: loader(EndorsementsOfPerson(s())),
            memberships_of_person: loader(MembershipsOfPerson(s())),
            members_of_community: loader(MembersOfCommunity(s())),
            narrower_of_skill: loader(NarrowerOfSkill(s())),
            skills_of_community: loader(SkillsOfCommunity(s())),
            authors_of_evidence: loader(AuthorsOfEvidence(s())),
            tags_of_evidence: loader(TagsOfEvidence(s())),
            evidence_of_person: loader(EvidenceOfPerson(s())),
            aliases_of_skill: loader(AliasesOfSkill(s())),
            related_of_skill: loader(RelatedOfSkill(s())),
            headcount_of_office: loader(HeadcountOfOffice(s())),
            holder_count_of_skill: loader(HolderCountOfSkill(s())),
            topics_of_interview: loader(TopicsOfInterview(s())),
            successors_of_interview: loader(SuccessorsOfInterview(s())),
            questions_of_interview: loader(QuestionsOfInterview(s())),
            certificates_of_interview: loader(CertificatesOfInterview(s())),
            requests_of_community: loader(RequestsOfCommunity(s())),
            invitations_of_community: loader(InvitationsOfCommunity(s())),
            pending_count_of_community: loader(PendingCountOfCommunity(s())),
        }
    }

    /// Empties every cache: a write in this request made them stale.
    pub fn forget(&self) {
        self.person.clear::<String>();
        self.office.clear::<String>();
        self.skill.clear::<String>();
        self.community.clear::<String>();
        self.evidence.clear::<String>();
        self.skills_of_person.clear::<String>();
        self.holders_of_skill.clear::<String>();
        self.endorsements_of_person.clear::<String>();
        self.memberships_of_person.clear::<String>();
        self.members_of_community.clear::<String>();
        self.narrower_of_skill.clear::<String>();
        self.skills_of_community.clear::<String>();
        self.authors_of_evidence.clear::<String>();
        self.tags_of_evidence.clear::<String>();
        self.evidence_of_person.clear::<String>();
        self.aliases_of_skill.clear::<String>();
        self.related_of_skill.clear::<String>();
        self.headcount_of_office.clear::<String>();
        self.holder_count_of_skill.clear::<String>();
        self.topics_of_interview.clear::<String>();
        self.successors_of_interview.clear::<String>();
        self.questions_of_interview.clear::<String>();
        self.certificates_of_interview.clear::<String>();
        self.requests_of_community.clear::<String>();
        self.invitations_of_community.clear::<String>();
        self.pending_count_of_community.clear::<String>();
    }
}
