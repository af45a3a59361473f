import { graphql, type ResultOf } from '../graphql';

export const CommunityLeadQuery = graphql(`
  query CommunityLead($id: ID!) {
    community(id: $id) {
      id
      pendingRequests {
        id
        message
        createdAt
        person {
          id
          name
          title
        }
      }
      pendingInvitations {
        id
        createdAt
        person {
          id
          name
        }
      }
      suggestedMembers(first: 8) {
        person {
          id
          name
          title
        }
        explanation
        paths {
          text
          nodes {
            id
            kind
            label
          }
        }
      }
      health {
        memberCount
        activeMemberCount
        pendingRequests
        membersByOffice {
          label
          count
        }
        membersByCountry {
          label
          count
        }
        uncoveredSkills {
          id
          name
        }
        leavingMembers {
          person {
            id
            name
          }
          topics {
            id
            name
          }
          uncoveredTopics {
            id
            name
          }
          inherited {
            skill {
              id
              name
            }
            person {
              id
              name
            }
          }
        }
        joinsByMonth {
          label
          count
        }
        activityByMonth {
          month
          documents
          answers
          joins
        }
      }
    }
  }
`);

export const JoinCommunity = graphql(`
  mutation JoinCommunity($id: ID!, $message: String) {
    joinCommunity(input: { communityId: $id, message: $message }) {
      membership {
        role
      }
      request {
        id
        status
        community {
          id
        }
      }
    }
  }
`);

export const ChangeRole = graphql(`
  mutation ChangeRole($community: ID!, $person: ID!, $role: CommunityRole!) {
    addMember(input: { communityId: $community, personId: $person, role: $role }) {
      membership {
        person {
          id
        }
        community {
          id
        }
        role
      }
    }
  }
`);

export const RemoveMember = graphql(`
  mutation RemoveMember($community: ID!, $person: ID!) {
    removeMember(input: { communityId: $community, personId: $person }) {
      personId
    }
  }
`);

export const LeaveCommunity = graphql(`
  mutation LeaveCommunity($id: ID!) {
    leaveCommunity(input: { communityId: $id }) {
      personId
    }
  }
`);

export const DecideJoinRequest = graphql(`
  mutation DecideJoinRequest($id: ID!, $approve: Boolean!, $reason: String) {
    decideJoinRequest(input: { requestId: $id, approve: $approve, reason: $reason }) {
      request {
        id
        status
        community {
          id
        }
      }
    }
  }
`);

export type LeadView = NonNullable<ResultOf<typeof CommunityLeadQuery>['community']>;

export const InviteMember = graphql(`
  mutation InviteMember($community: ID!, $person: ID!, $message: String) {
    addMember(input: { communityId: $community, personId: $person, message: $message }) {
      membership {
        role
      }
      invitation {
        id
        kind
        status
      }
    }
  }
`);

export const MyInvitations = graphql(`
  query MyInvitations {
    myInvitations {
      id
      role
      message
      createdAt
      community {
        id
        name
      }
      invitedBy {
        id
        name
      }
    }
  }
`);

export const AnswerInvitation = graphql(`
  mutation AnswerInvitation($id: ID!, $accept: Boolean!) {
    answerInvitation(input: { invitationId: $id, accept: $accept }) {
      request {
        id
        status
        community {
          id
        }
      }
    }
  }
`);

export const CreateCommunity = graphql(`
  mutation CreateCommunity($input: CreateCommunityInput!) {
    createCommunity(input: $input) {
      community {
        id
        name
        status
      }
    }
  }
`);

export const UpdateCommunity = graphql(`
  mutation UpdateCommunity($input: UpdateCommunityInput!) {
    updateCommunity(input: $input) {
      community {
        id
        name
        description
        visibility
        status
        skills {
          id
          name
        }
      }
    }
  }
`);

export const ArchiveCommunity = graphql(`
  mutation ArchiveCommunity($id: ID!) {
    archiveCommunity(input: { id: $id }) {
      community {
        id
        status
      }
    }
  }
`);

export const UnarchiveCommunity = graphql(`
  mutation UnarchiveCommunity($id: ID!) {
    unarchiveCommunity(input: { id: $id }) {
      community {
        id
        status
      }
    }
  }
`);

export const MergeCommunities = graphql(`
  mutation MergeCommunities($survivor: ID!, $merged: ID!) {
    mergeCommunities(input: { survivorId: $survivor, mergedId: $merged }) {
      community {
        id
        name
        memberCount
      }
    }
  }
`);

/** The communities the signed-in person may merge with (all active ones for an admin), and their own proposals. */
export const CuratableCommunities = graphql(`
  query CuratableCommunities {
    me {
      leads {
        id
        name
        status
      }
    }
    communities(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

export const MyProposals = graphql(`
  query MyProposals {
    communities(first: 100, status: PROPOSED) {
      nodes {
        id
        name
        proposedBy {
          id
        }
      }
    }
  }
`);
