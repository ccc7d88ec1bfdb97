import { randomUUID } from 'node:crypto';
import { IDENTITY_HEADER, issueDevToken, signIdentity, type Identity } from '../../services/kit/src/identity.js';
import { readSecrets } from '../../services/kit/src/secrets.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; [more: string]: unknown } }[];
}

/**
 * A plain HTTP GraphQL call as `who`: a user token for the gateway, and the gateway's signed
 * identity for direct calls to a subgraph (the gateway ignores that header from clients).
 */
export async function graphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  who?: Identity,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(who ? await authHeaders(who) : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

export async function authHeaders(who: Identity): Promise<Record<string, string>> {
  const secrets = readSecrets();
  return {
    authorization: `Bearer ${await issueDevToken(who, secrets.jwtSecret!)}`,
    [IDENTITY_HEADER]: await signIdentity(who, secrets.internalSecret, randomUUID()),
  };
}

/** The data of a call that must succeed; its errors otherwise, so a failing test says why. */
export async function mustQuery<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, who?: Identity): Promise<T> {
  const result = await graphql<T>(url, query, variables, who);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The single error code of a call that must fail. */
export async function errorCode(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  who?: Identity,
): Promise<{ code: string | undefined; message: string; field: string | undefined; reason?: string }> {
  const result = await graphql(url, query, variables, who);
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got data ${JSON.stringify(result.data)}`);
  return {
    code: error.extensions?.code,
    message: error.message,
    field: error.extensions?.field,
    ...(error.extensions?.reason ? { reason: String(error.extensions.reason as string) } : {}),
  };
}
