import { ACTOR_HEADER } from '../../services/kit/src/context.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string } }[];
}

/** A plain HTTP GraphQL call, as a partner app or the console would make it. */
export async function graphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  actor?: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(actor ? { [ACTOR_HEADER]: actor } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** The data of a call that must succeed; its errors otherwise, so a failing test says why. */
export async function mustQuery<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, actor?: string): Promise<T> {
  const result = await graphql<T>(url, query, variables, actor);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The single error code of a call that must fail. */
export async function errorCode(url: string, query: string, variables: Record<string, unknown> = {}, actor?: string): Promise<{ code: string | undefined; message: string; field: string | undefined }> {
  const result = await graphql(url, query, variables, actor);
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got data ${JSON.stringify(result.data)}`);
  return { code: error.extensions?.code, message: error.message, field: error.extensions?.field };
}
