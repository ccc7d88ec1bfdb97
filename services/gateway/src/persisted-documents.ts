import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GraphQLError, Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { refusal } from './errors.js';

/** The console's named operations (`npm run codegen -w console` types the same file). */
const CONSOLE_OPERATIONS = fileURLToPath(new URL('../../../schema/operations/console.graphql', import.meta.url));

/**
 * Trusted documents of the first-party web console, by the SHA-256 (hex) of each operation's text
 * as `print` writes it (the operation and the fragments it spreads, operation first). A client
 * sends `extensions: { persistedQuery: { version: 1, sha256Hash } }` and no query; the gateway
 * answers with the document it read and checked (parse, token limit) at start, so the text does not
 * cross the wire, and a document not on the list cannot be sent this way. Arbitrary
 * documents (partners, curl) still work, with every check; a hash that is not in the manifest is
 * refused with PERSISTED_QUERY_NOT_FOUND.
 */
export function loadPersistedDocuments(maxTokens: number, source: string = readFileSync(CONSOLE_OPERATIONS, 'utf8')): Map<string, { text: string; document: DocumentNode }> {
  const all = parse(source, { maxTokens: Number.MAX_SAFE_INTEGER });
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of all.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const manifest = new Map<string, { text: string; document: DocumentNode }>();
  for (const definition of all.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const used: DefinitionNode[] = [definition];
    const seen = new Set<string>();
    const collect = (node: DefinitionNode): void =>
      void visit(node, {
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (!fragment || seen.has(fragment.name.value)) return;
          seen.add(fragment.name.value);
          used.push(fragment);
          collect(fragment);
        },
      });
    collect(definition);
    const text = print({ kind: Kind.DOCUMENT, definitions: used });
    // Parsed as a client's text would be, so the token limit holds for trusted documents too.
    const document = parse(text, { maxTokens });
    manifest.set(persistedHash(text), { text, document });
  }
  return manifest;
}

export function persistedHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Hive's persisted-documents option over the manifest; arbitrary documents stay allowed. It hands
 * the runtime the text, not the parsed document: the router runtime plans from the text it keeps
 * per document, which for a document handed over parsed is a placeholder. The text is then parsed
 * once by the gateway's parse cache (query-guard.ts) and validated once per document like any other.
 */
export function persistedDocumentsOption(manifest: ReadonlyMap<string, { text: string }>) {
  return {
    allowArbitraryDocuments: true,
    getPersistedOperation: (hash: string) => manifest.get(hash)?.text ?? null,
    customErrors: {
      notFound: () => refusal('PERSISTED_QUERY_NOT_FOUND', 'No trusted document has this hash: send the query text instead (or update the console).'),
      // Neither a query nor a hash: the runtime's own words for it, as before persisted documents.
      keyNotFound: () => new GraphQLError('Must provide query string.', { extensions: { code: 'BAD_REQUEST' } }),
    },
  };
}
