import { graphql } from '../graphql';

/** How many neighbours the network view asks for. */
export const NETWORK_SIZE = 40;

export const PersonNetworkQuery = graphql(`
  query PersonNetwork($id: ID!, $first: Int!) {
    person(id: $id) {
      id
      network(first: $first) {
        nodes { id kind label }
        edges { source target kind weight }
        truncated
      }
    }
  }
`);
