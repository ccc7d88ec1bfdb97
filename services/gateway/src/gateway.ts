import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { ACTOR_HEADER, REQUEST_ID_HEADER, ROLES_HEADER } from '../../kit/src/context.js';
import { closeServer } from '../../kit/src/http-server.js';

const SUPERGRAPH_PATH = fileURLToPath(new URL('../../../schema/supergraph.graphql', import.meta.url));

export type SubgraphUrls = Partial<Record<'municipalities' | 'participants' | 'claims', string>>;

/** The committed supergraph, pointed at where the subgraphs run now. */
export async function loadSupergraph(urls: SubgraphUrls): Promise<string> {
  let sdl = await readFile(SUPERGRAPH_PATH, 'utf8');
  for (const [name, url] of Object.entries(urls)) {
    if (!url) continue;
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}$2`);
  }
  return sdl;
}

/**
 * Hive Gateway on the Rust query planner. It forwards who is acting (and the request id) to
 * the subgraphs; authentication proper arrives with signed gateway identities.
 */
export async function startGateway(options: { port: number; host?: string; subgraphUrls: SubgraphUrls }): Promise<{ url: string; close(): Promise<void> }> {
  const gateway = createGatewayRuntime({
    supergraph: await loadSupergraph(options.subgraphUrls),
    unifiedGraphHandler,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    logging: 'warn',
    maskedErrors: true,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        [ACTOR_HEADER]: request.headers.get(ACTOR_HEADER),
        [ROLES_HEADER]: request.headers.get(ROLES_HEADER),
        [REQUEST_ID_HEADER]: request.headers.get(REQUEST_ID_HEADER),
      }),
    },
  });
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer(gateway);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}/graphql`,
    async close() {
      await closeServer(server);
      await gateway.dispose();
    },
  };
}
