import { randomUUID } from 'node:crypto';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createAuthenticator } from '../../services/gateway/src/auth.js';
import { loadSupergraph, readGatewaySecrets } from '../../services/gateway/src/gateway.js';
import { IDENTITY_HEADER, signIdentity, type Identity } from '../../services/kit/src/identity.js';

// The bench's reference gateway: @apollo/gateway on the same supergraph and subgraphs, doing the
// same per-request work ours does before planning — verify the user's token, sign a short-lived
// identity for the subgraphs — and nothing more (no query limits, no rate limit).

interface Context {
  identity: Identity;
  signed: Promise<string>;
}

const secrets = readGatewaySecrets();
const authenticate = createAuthenticator(secrets);
const gateway = new ApolloGateway({
  supergraphSdl: await loadSupergraph({
    municipalities: process.env['MUNICIPALITIES_URL'],
    participants: process.env['PARTICIPANTS_URL'],
    claims: process.env['CLAIMS_URL'],
  }),
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource<Context>({
      url,
      async willSendRequest({ request, context }) {
        request.http?.headers.set(IDENTITY_HEADER, await context.signed);
      },
    }),
});
const server = new ApolloServer<Context>({ gateway, introspection: false });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env['PORT'] ?? 4300), host: '127.0.0.1' },
  context: async ({ req }) => {
    const identity = await authenticate(req.headers.authorization ?? null);
    return { identity, signed: signIdentity(identity, secrets.internalSecret, randomUUID()) };
  },
});
console.log(`apollo gateway ready at ${url}`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
