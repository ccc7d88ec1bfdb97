// Import boundaries of the repository, as one local ESLint rule (`lindung/boundaries`).
//
// Every import specifier is resolved to a repo-relative path (relative specifiers against the
// importing file, `.js` mapped to the `.ts` source) or recognised as a package, then checked
// against the zones described in ARCHITECTURE.md ("The seam between services and workflows is
// the contract"):
//
//   domain/**          imports only domain/ and no package (test files may import vitest)
//   workflow code      workflows/** except the worker process files and tests: only
//                      @temporalio/workflow, @temporalio/common, domain/ and workflows/
//   services/<a>/**    no services/<b>/ for b ≠ a, except services/kit/; kit imports no service
//   services/**        from workflows/ only contracts (*.messages.ts, *.activities.ts,
//                      workflows/contracts/**); test files are exempt from this one
//
// The rule needs no type information. It is plain JavaScript so that eslint.config.js can load
// it without a TypeScript loader.
import { isBuiltin } from 'node:module';
import path from 'node:path';

/** Worker process files: they run in Node, not in the workflow sandbox. */
const WORKER_PROCESS_FILES = new Set(['workflows/worker.ts', 'workflows/lifecycle-worker.ts']);
const WORKFLOW_PACKAGES = new Set(['@temporalio/workflow', '@temporalio/common']);
const DOMAIN_TEST_PACKAGES = new Set(['vitest']);
const SHARED_SERVICE = 'kit';

const SOURCE_EXTENSION = { '.js': '.ts', '.mjs': '.mts', '.cjs': '.cts', '.jsx': '.tsx' };

const isTestFile = (file) => /\.test\.[cm]?[jt]sx?$/.test(file);
const under = (file, folder) => file === folder || file.startsWith(`${folder}/`);

/** The folder name right under services/, or undefined for a file that is not in one. */
function serviceOf(file) {
  const match = /^services\/([^/]+)\//.exec(file);
  return match ? match[1] : undefined;
}

function isWorkflowCode(file) {
  return under(file, 'workflows') && /\.[cm]?tsx?$/.test(file) && !file.endsWith('.d.ts') && !WORKER_PROCESS_FILES.has(file) && !isTestFile(file);
}

function isWorkflowContract(file) {
  return under(file, 'workflows/contracts') || /\.(messages|activities)(\.[cm]?tsx?)?$/.test(path.posix.basename(file));
}

/** '@scope/name/sub/path' → '@scope/name', 'name/sub' → 'name', 'node:fs' → 'node:fs'. */
function packageName(specifier) {
  if (specifier.startsWith('node:')) return specifier.split('/')[0];
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function toPosix(p) {
  return p.split(path.sep).join('/');
}

/**
 * What a specifier points at: `{ kind: 'file', path }` with a repo-relative path (or a path
 * starting with '../' when it leaves the repository), or `{ kind: 'package', name }`.
 */
export function resolveSpecifier(specifier, importingFile, root) {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const absolute = path.resolve(path.dirname(importingFile), specifier);
    let target = toPosix(path.relative(root, absolute));
    const ext = path.posix.extname(target);
    if (ext in SOURCE_EXTENSION) target = target.slice(0, -ext.length) + SOURCE_EXTENSION[ext];
    return { kind: 'file', path: target };
  }
  return { kind: 'package', name: packageName(specifier) };
}

/**
 * The boundary that importing `target` from the repo-relative `file` crosses, as
 * `{ messageId, data }`, or undefined when the import is allowed.
 */
export function checkImport(file, target, specifier) {
  const data = { file, specifier, target: target.kind === 'file' ? target.path : target.name };

  if (under(file, 'domain')) {
    if (target.kind === 'package') {
      if (isTestFile(file) && DOMAIN_TEST_PACKAGES.has(target.name)) return undefined;
      return { messageId: isBuiltin(target.name) ? 'domainNode' : 'domainPackage', data };
    }
    if (!under(target.path, 'domain')) return { messageId: 'domainFile', data };
    return undefined;
  }

  if (isWorkflowCode(file)) {
    if (target.kind === 'package') {
      return WORKFLOW_PACKAGES.has(target.name) ? undefined : { messageId: 'workflowPackage', data };
    }
    if (WORKER_PROCESS_FILES.has(target.path)) return { messageId: 'workflowWorker', data };
    if (under(target.path, 'domain') || under(target.path, 'workflows')) return undefined;
    return { messageId: 'workflowFile', data };
  }

  const service = serviceOf(file);
  if (service !== undefined && target.kind === 'file') {
    const other = serviceOf(target.path);
    if (other !== undefined && other !== service && other !== SHARED_SERVICE) {
      return { messageId: service === SHARED_SERVICE ? 'kitService' : 'crossService', data: { ...data, service, other } };
    }
  }
  if (under(file, 'services') && target.kind === 'file' && under(target.path, 'workflows') && !isTestFile(file) && !isWorkflowContract(target.path)) {
    return { messageId: 'serviceWorkflow', data };
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports inside the boundaries of domain/, workflows/ and services/ (ARCHITECTURE.md).' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      domainPackage:
        "domain/ is pure and imports no packages, but {{file}} imports '{{specifier}}'. Keep I/O, ORM, Temporal and GraphQL in services/ or workflows/ and pass the values into domain/ functions as arguments.",
      domainNode:
        "domain/ is pure and imports no Node modules (no I/O, no clock), but {{file}} imports '{{specifier}}'. Do the I/O in the caller and pass the data (or the date) in as an argument.",
      domainFile:
        "domain/ imports only files inside domain/, but {{file}} imports '{{specifier}}' ({{target}}). Move the rule it needs into domain/, or pass the value in from the caller.",
      workflowPackage:
        "Workflow code imports only @temporalio/workflow and @temporalio/common, but {{file}} imports '{{specifier}}'. Do I/O in an activity declared in a *.activities.ts contract; pure rules come from domain/.",
      workflowFile:
        "Workflow code imports only domain/ and workflows/ (its own folder, workflows/shared/, workflows/contracts/), but {{file}} imports '{{specifier}}' ({{target}}). Declare the activity interface or message type in a workflows/**/*.activities.ts or *.messages.ts contract and import that instead.",
      workflowWorker:
        'Workflow code must not import the worker process file {{target}} (from {{file}}): it would pull @temporalio/worker into the workflow bundle. Import the shared piece from workflows/shared/ or a contract file instead.',
      crossService:
        "services/{{service}}/ must not import another service's code: {{file}} imports '{{specifier}}' ({{target}}). Share code through services/kit/, call services/{{other}}/ through a workflow contract (workflows/**/*.activities.ts or *.messages.ts) or the GraphQL API.",
      kitService:
        "services/kit/ is shared by every service and imports none of them, but {{file}} imports '{{specifier}}' ({{target}}). Move the shared piece into services/kit/, or let the service pass it in.",
      serviceWorkflow:
        "Services import from workflows/ only contracts (*.messages.ts, *.activities.ts, workflows/contracts/**), but {{file}} imports '{{specifier}}' ({{target}}). Import the workflow's messages file (names, inputs, Updates) or move what you need into a contract file.",
    },
  },
  create(context) {
    const root = path.resolve(context.options[0]?.root ?? context.cwd);
    const filename = context.filename;
    if (!path.isAbsolute(filename)) return {};
    const file = toPosix(path.relative(root, filename));
    if (file.startsWith('../') || file === '..') return {};

    function check(node) {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const problem = checkImport(file, resolveSpecifier(node.value, filename, root), node.value);
      if (problem) context.report({ node, ...problem });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.source),
      TSExternalModuleReference: (node) => check(node.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) check(node.arguments[0]);
      },
    };
  },
};

const plugin = {
  meta: { name: 'lindung', version: '1.0.0' },
  rules: { boundaries: rule },
};

/**
 * The config block that turns the rule on for the source folders; eslint.config.js and the
 * rule's own test use the same one.
 */
export function boundariesConfig(root) {
  return {
    name: 'lindung/boundaries',
    files: ['domain/**/*.{ts,mts,cts,tsx,js,mjs}', 'workflows/**/*.{ts,mts,cts,tsx,js,mjs}', 'services/**/*.{ts,mts,cts,tsx,js,mjs}'],
    plugins: { lindung: plugin },
    rules: { 'lindung/boundaries': ['error', { root }] },
  };
}

export default plugin;
