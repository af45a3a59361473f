import { graphql, type ResultOf } from '../graphql';

export const ApiTokensQuery = graphql(`
  query ApiTokens {
    apiTokens {
      id
      name
      prefix
      role
      scopes
      createdBy
      createdByName
      createdAt
      expiresAt
      lastUsedAt
      revokedAt
      active
      person {
        id
        name
      }
    }
  }
`);

export const CreateApiToken = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      secret
      token {
        id
        name
        prefix
      }
    }
  }
`);

export const RevokeApiToken = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(input: { id: $id }) {
      id
      active
      revokedAt
    }
  }
`);

export const AuditLogQuery = graphql(`
  query AuditLog(
    $first: Int!
    $before: Int
    $target: String
    $actor: String
    $action: String
    $from: NaiveDate
    $until: NaiveDate
  ) {
    auditLog(
      first: $first
      before: $before
      target: $target
      actor: $actor
      action: $action
      from: $from
      until: $until
    ) {
      seq
      at
      actor
      actorName
      action
      target
      targetName
      summary
      outcome
      detail
      hash
    }
  }
`);

export const AuditChainQuery = graphql(`
  query AuditChain {
    auditChain {
      ok
      checked
      headSeq
      firstBroken
      reason
    }
  }
`);

export const RoleGrantsQuery = graphql(`
  query RoleGrants {
    roleGrants {
      personId
      role
      person {
        id
        name
        title
      }
    }
  }
`);

export const GrantRole = graphql(`
  mutation GrantRole($personId: ID!, $role: Role!) {
    grantRole(input: { personId: $personId, role: $role }) {
      changed
    }
  }
`);

export const RevokeRole = graphql(`
  mutation RevokeRole($personId: ID!, $role: Role!) {
    revokeRole(input: { personId: $personId, role: $role }) {
      changed
    }
  }
`);

export const ProposedCommunitiesQuery = graphql(`
  query ProposedCommunities {
    communities(first: 50, status: PROPOSED) {
      totalCount
      nodes {
        id
        name
        description
        visibility
        proposedBy {
          id
          name
        }
        skills {
          id
          name
        }
      }
    }
  }
`);

export const ApproveCommunity = graphql(`
  mutation ApproveCommunity($id: ID!) {
    approveCommunity(input: { id: $id }) {
      community {
        id
        name
        status
      }
    }
  }
`);

export type ApiToken = ResultOf<typeof ApiTokensQuery>['apiTokens'][number];
export type AuditEntry = ResultOf<typeof AuditLogQuery>['auditLog'][number];
export type AuditChain = ResultOf<typeof AuditChainQuery>['auditChain'];
export type RoleGrant = ResultOf<typeof RoleGrantsQuery>['roleGrants'][number];
export type ProposedCommunity = ResultOf<typeof ProposedCommunitiesQuery>['communities']['nodes'][number];
