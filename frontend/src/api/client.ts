import type { AnyVariables, CombinedError } from '@urql/core';
import type { TadaDocumentNode } from 'gql.tada';
import { ApiError, asApiError } from './transport';
import { activeClient } from './urqlClient';

export { ApiError, asApiError, explainError, GRAPHQL_ENDPOINT } from './transport';

/**
 * Runs one query or mutation through the signed-in session's client and
 * returns its data, or throws an {@link ApiError}. A mutation's answer goes
 * into the normalised cache, so every screen showing what it changed
 * updates without asking the server again. Queries asked this way always
 * go to the server.
 */
export async function request<Result, Variables>(
  doc: TadaDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  const client = activeClient();
  const vars = (variables ?? {}) as AnyVariables;
  const result = await (
    isMutation(doc) ? client.mutation(doc, vars) : client.query(doc, vars, { requestPolicy: 'network-only' })
  ).toPromise();
  if (result.error) throw fromCombined(result.error);
  if (result.data == null) throw new ApiError('The server could not answer. Please try again.', 'BAD_RESPONSE');
  return result.data as Result;
}

function isMutation(doc: { definitions: readonly { kind: string; operation?: string }[] }): boolean {
  return doc.definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'mutation');
}

/** The {@link ApiError} the transport put in a result's error. */
export function fromCombined(error: CombinedError): ApiError {
  return asApiError(error.networkError ?? new ApiError(error.message, 'CLIENT'));
}
