import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { taskQueues } from '../../services/kit/src/config.js';
import { generateSecretEnv, readSecrets } from '../../services/kit/src/secrets.js';
import type { ServiceDeps } from '../../services/kit/src/service-runtime.js';
import { SERVICES } from '../migrate.js';
import { permissionTable, withPermissionTable, type OperationPermission } from './permissions.js';

const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));
const README = fileURLToPath(new URL('../../README.md', import.meta.url));

export const DEFAULT_SUBGRAPH_URLS: Record<string, string> = {
  municipalities: 'http://127.0.0.1:4101/graphql',
  participants: 'http://127.0.0.1:4102/graphql',
  claims: 'http://127.0.0.1:4103/graphql',
};

export interface SchemaArtefacts {
  subgraphs: { name: string; sdl: string }[];
  supergraph: string;
  permissions: OperationPermission[];
}

/**
 * Each subgraph's SDL, printed from the code, and the supergraph composed from them. Building a
 * schema touches no database or Temporal, so the services get no live connections here.
 */
export async function buildSchemaArtefacts(): Promise<SchemaArtefacts> {
  const offline = { dataSource: undefined, temporal: undefined, queues: taskQueues(''), secrets: readSecrets(generateSecretEnv()) } as unknown as ServiceDeps;
  const subgraphs = [];
  for (const service of SERVICES) subgraphs.push({ name: service.name, sdl: (await service.subgraph(offline)).sdl });
  const composed = composeServices(
    subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.sdl), url: DEFAULT_SUBGRAPH_URLS[s.name]! })),
  );
  if (composed.errors) {
    throw new Error(`The subgraphs do not compose:\n${composed.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return { subgraphs, supergraph: composed.supergraphSdl, permissions: permissionTable(composed.supergraphSdl) };
}

export async function artefactFiles(artefacts: SchemaArtefacts): Promise<{ path: string; content: string }[]> {
  const readme = await readFile(README, 'utf8');
  return [
    { path: README, content: withPermissionTable(readme, artefacts.permissions) },
    ...artefacts.subgraphs.map((s) => ({ path: `${SCHEMA_DIR}subgraphs/${s.name}.graphql`, content: s.sdl })),
    { path: `${SCHEMA_DIR}supergraph.graphql`, content: artefacts.supergraph.trimEnd() + '\n' },
  ];
}

/** Files whose committed content differs from what the code emits now. */
export async function staleArtefacts(): Promise<string[]> {
  const stale = [];
  for (const file of await artefactFiles(await buildSchemaArtefacts())) {
    const committed = await readFile(file.path, 'utf8').catch(() => null);
    if (committed !== file.content) stale.push(file.path);
  }
  return stale;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--check')) {
    const stale = await staleArtefacts();
    if (stale.length) {
      console.error(`Schema files or the README permission table are out of date; run \`npm run schema\` and commit:\n${stale.join('\n')}`);
      process.exit(1);
    }
    console.log('schema files are up to date');
  } else {
    for (const file of await artefactFiles(await buildSchemaArtefacts())) await writeFile(file.path, file.content);
    console.log('wrote schema/subgraphs/*.graphql, schema/supergraph.graphql and the permission table in README.md');
  }
}
