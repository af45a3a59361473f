import { graphql } from '../graphql';

/** How many neighbours the network view asks for (and at most as many more two steps out). */
export const NETWORK_SIZE = 40;

export const PersonNetworkQuery = graphql(`
  query PersonNetwork($id: ID!, $first: Int!, $steps: Int!) {
    person(id: $id) {
      id
      network(first: $first, steps: $steps) {
        nodes {
          id
          kind
          label
        }
        steps
        edges {
          source
          target
          kind
          weight
        }
        truncated
      }
    }
  }
`);
