import { graphql, type ResultOf } from '../graphql';
import { AboutMeFields } from './AboutMe';

export const MyProfileQuery = graphql(
  `
    query MyProfile($id: ID!) {
      person(id: $id) {
        id
        name
        title
        discoverable
        skills {
          person {
            id
          }
          level
          source
          lastUsed
          skill {
            id
            name
          }
          endorsements {
            createdAt
          }
        }
        ...AboutMeFields
      }
    }
  `,
  [AboutMeFields],
);

export const SetPersonSkill = graphql(`
  mutation SetPersonSkill($input: SetPersonSkillInput!) {
    setPersonSkill(input: $input) {
      personSkill {
        person {
          id
        }
        level
        source
        skill {
          id
          name
        }
      }
    }
  }
`);

export const RemovePersonSkill = graphql(`
  mutation RemovePersonSkill($personId: ID!, $skillId: ID!) {
    removePersonSkill(input: { personId: $personId, skillId: $skillId }) {
      id
    }
  }
`);

export const SetDiscoverable = graphql(`
  mutation SetDiscoverable($id: ID!, $discoverable: Boolean!) {
    updatePerson(input: { id: $id, discoverable: $discoverable }) {
      person {
        id
        discoverable
      }
    }
  }
`);

export const MyDataQuery = graphql(`
  query MyData {
    myData
  }
`);

export const EndorseSkill = graphql(`
  mutation EndorseSkill($personId: ID!, $skillId: ID!) {
    endorseSkill(input: { personId: $personId, skillId: $skillId }) {
      personSkill {
        person {
          id
        }
        skill {
          id
        }
        endorsements {
          endorser {
            id
          }
        }
      }
    }
  }
`);

export const WithdrawEndorsement = graphql(`
  mutation WithdrawEndorsement($personId: ID!, $skillId: ID!) {
    withdrawEndorsement(input: { personId: $personId, skillId: $skillId }) {
      personSkill {
        person {
          id
        }
        skill {
          id
        }
        endorsements {
          endorser {
            id
          }
        }
      }
    }
  }
`);

export type MyProfile = NonNullable<ResultOf<typeof MyProfileQuery>['person']>;
export type MySkill = MyProfile['skills'][number];
