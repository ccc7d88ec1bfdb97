import { Client, cacheExchange, fetchExchange } from 'urql';

/** GraphQL through the gateway only, with the person's token; `document` cache per operation. */
export function createClient(token: string, onUnauthenticated: () => void): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 401) onUnauthenticated();
      return response;
    },
  });
}

/** The stable error code of a failed operation (extensions.code), for messages that say what to do. */
export function errorCodeOf(error: { graphQLErrors?: { extensions?: Record<string, unknown> }[]; networkError?: unknown } | undefined): string | null {
  if (!error) return null;
  const code = error.graphQLErrors?.[0]?.extensions?.['code'];
  if (typeof code === 'string') return code;
  return error.networkError ? 'NETWORK' : 'UNKNOWN';
}
