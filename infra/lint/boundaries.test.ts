// The import boundaries (infra/lint/boundaries.js), checked through ESLint's Node API on small
// snippets placed at virtual paths of this repository. The rule needs no type information, so
// these run with the plain TypeScript parser; the last tests check that eslint.config.js turns
// the same rule (and the promise rules) on for the real tree.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundariesConfig, checkImport, resolveSpecifier } from './boundaries.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, boundariesConfig(root)],
});

/** The boundary problems of `code` placed at the repo-relative `file`. */
async function boundaryProblems(file: string, code: string): Promise<{ line: number; messageId: string | undefined; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  if (!result) throw new Error(`ESLint returned no result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal === true);
  if (fatal.length > 0) throw new Error(`cannot parse the snippet for ${file}: ${fatal[0]?.message}`);
  return result.messages.map((m) => ({ line: m.line, messageId: m.messageId, message: m.message }));
}

async function expectClean(file: string, code: string): Promise<void> {
  expect(await boundaryProblems(file, code)).toEqual([]);
}

async function expectCrossing(file: string, code: string, messageId: string): Promise<string> {
  const problems = await boundaryProblems(file, code);
  expect(problems.map((p) => p.messageId)).toEqual([messageId]);
  return problems[0]!.message;
}

const WORKFLOW = 'workflows/claim-lifecycle/claim-lifecycle.workflow.ts';
const PARTICIPANT_SERVICE = 'services/participants/src/participant/participant.service.ts';
const CLAIM_SERVICE = 'services/claims/src/claim/claim.service.ts';

describe('workflow code', () => {
  it('may not import from services/', async () => {
    const message = await expectCrossing(WORKFLOW, `import type { ClaimActivities } from '../../services/claims/src/activities.js';`, 'workflowFile');
    expect(message).toContain('services/claims/src/activities.ts');
    expect(message).toContain('*.activities.ts');
  });

  it('may not import infra/, test/ or packages other than @temporalio/workflow and @temporalio/common', async () => {
    await expectCrossing(WORKFLOW, `export * from '../../infra/paths.js';`, 'workflowFile');
    await expectCrossing(WORKFLOW, `const m = await import('../../test/fixtures/scenario.js');`, 'workflowFile');
    await expectCrossing(WORKFLOW, `type C = import('../../services/kit/src/config.js').Config;`, 'workflowFile');
    await expectCrossing(WORKFLOW, `import { Client } from '@temporalio/client';`, 'workflowPackage');
    await expectCrossing(WORKFLOW, `import { randomUUID } from 'node:crypto';`, 'workflowPackage');
    await expectCrossing('workflows/shared/mutex.ts', `import { DataSource } from 'typeorm';`, 'workflowPackage');
  });

  it('may not import the worker process files', async () => {
    await expectCrossing(WORKFLOW, `import { startLifecycleWorker } from '../lifecycle-worker.js';`, 'workflowWorker');
  });

  it('may import the Temporal workflow API, domain/ and workflows/', async () => {
    await expectClean(
      WORKFLOW,
      [
        `import { proxyActivities, defineUpdate } from '@temporalio/workflow';`,
        `import { ApplicationFailure } from '@temporalio/common';`,
        `import { canApprove } from '../../domain/claims/claim-status.js';`,
        `import type { ClaimActivities } from './claim-lifecycle.activities.js';`,
        `import { intake } from './claim-lifecycle.messages.js';`,
        `import { Mutex } from '../shared/mutex.js';`,
        `import type { Identity } from '../contracts/identity.js';`,
        `import { asFailure } from '../failures.js';`,
      ].join('\n'),
    );
  });

  it('rules do not apply to the worker process files and workflow tests', async () => {
    await expectClean('workflows/lifecycle-worker.ts', `import { Worker } from '@temporalio/worker';\nimport { temporalConfig } from '../services/kit/src/temporal.js';`);
    await expectClean('workflows/worker.ts', `import { lifecycle } from './lifecycle-worker.js';`);
    await expectClean('workflows/claim-lifecycle/claim-lifecycle.test.ts', `import { startSystem } from '../../test/harness/system.js';\nimport { describe } from 'vitest';`);
  });
});

describe('services', () => {
  it('may not import another service', async () => {
    const message = await expectCrossing(PARTICIPANT_SERVICE, `import { MouService } from '../../../municipalities/src/mou/mou.service.js';`, 'crossService');
    expect(message).toContain('services/participants/');
    expect(message).toContain('services/municipalities/src/mou/mou.service.ts');
    expect(message).toContain('services/kit/');
  });

  it('may import services/kit/, their own files and packages', async () => {
    await expectClean(
      PARTICIPANT_SERVICE,
      [
        `import { DataSource } from 'typeorm';`,
        `import { createHash } from 'node:crypto';`,
        `import { scopeFilter } from '../../../kit/src/batch.js';`,
        `import { Participant } from './participant.entity.js';`,
        `import { createParticipantActivities } from '../activities.js';`,
        `import { parseNik } from '../../../../domain/nik.js';`,
      ].join('\n'),
    );
    await expectClean('services/gateway/src/gateway.ts', `import { listen } from '../../kit/src/listen.js';`);
  });

  it('services/kit/ imports no service', async () => {
    await expectCrossing('services/kit/src/batch.ts', `import { Claim } from '../../claims/src/claim/claim.entity.js';`, 'kitService');
    await expectClean('services/kit/src/batch.ts', `import { DomainError } from '../../../domain/errors.js';`);
  });

  it('may import from workflows/ only contracts', async () => {
    const message = await expectCrossing(CLAIM_SERVICE, `import { claimLifecycle } from '../../../../workflows/claim-lifecycle/claim-lifecycle.workflow.js';`, 'serviceWorkflow');
    expect(message).toContain('workflows/claim-lifecycle/claim-lifecycle.workflow.ts');
    expect(message).toContain('*.messages.ts');
    await expectCrossing(CLAIM_SERVICE, `import { asFailure } from '../../../../workflows/failures.js';`, 'serviceWorkflow');
    await expectClean(
      CLAIM_SERVICE,
      [
        `import { intake, claimLifecycleWorkflowId } from '../../../../workflows/claim-lifecycle/claim-lifecycle.messages.js';`,
        `import type { ClaimActivities } from '../../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';`,
        `import type { Identity } from '../../../../workflows/contracts/identity.js';`,
      ].join('\n'),
    );
  });

  it('test files may import workflow files, but not another service', async () => {
    await expectClean('services/claims/src/claims.test.ts', `import { claimLifecycle } from '../../../workflows/claim-lifecycle/claim-lifecycle.workflow.js';`);
    await expectCrossing('services/claims/src/claims.test.ts', `import { ParticipantService } from '../../participants/src/participant/participant.service.js';`, 'crossService');
  });
});

describe('domain/', () => {
  it('imports no packages: no ORM, no Temporal, no GraphQL, no node:*', async () => {
    await expectCrossing('domain/claims/intake.ts', `import { Entity } from 'typeorm';`, 'domainPackage');
    await expectCrossing('domain/claims/intake.ts', `import { readFileSync } from 'node:fs';`, 'domainNode');
    await expectCrossing('domain/calendar.ts', `import { readFileSync } from 'fs';`, 'domainNode');
    await expectCrossing('domain/calendar.ts', `import { GraphQLError } from 'graphql';`, 'domainPackage');
    await expectCrossing('domain/calendar.ts', `import { sleep } from '@temporalio/workflow';`, 'domainPackage');
  });

  it('imports only files inside domain/', async () => {
    const message = await expectCrossing('domain/claims/intake.ts', `import { config } from '../../services/kit/src/config.js';`, 'domainFile');
    expect(message).toContain('services/kit/src/config.ts');
    await expectClean(
      'domain/claims/intake.ts',
      `import { DomainError } from '../errors.js';\nimport { jkmBenefit } from '../benefits/jkm.js';\nimport type { Rupiah } from '../money.js';`,
    );
  });

  it('test files may import vitest and nothing else from outside', async () => {
    await expectClean('domain/nik.test.ts', `import { describe, expect, it } from 'vitest';\nimport { parseNik } from './nik.js';`);
    await expectCrossing('domain/nik.test.ts', `import { startSystem } from '../test/harness/system.js';`, 'domainFile');
    await expectCrossing('domain/nik.ts', `import { describe } from 'vitest';`, 'domainPackage');
  });
});

describe('resolving specifiers', () => {
  it('maps relative .js specifiers to the repo-relative .ts source, and bare ones to their package', () => {
    expect(resolveSpecifier('../../domain/nik.js', `${root}workflows/enrolment/x.ts`, root)).toEqual({ kind: 'file', path: 'domain/nik.ts' });
    expect(resolveSpecifier('@temporalio/common/lib/proto-utils.js', `${root}workflows/x.ts`, root)).toEqual({ kind: 'package', name: '@temporalio/common' });
    expect(resolveSpecifier('node:fs/promises', `${root}domain/x.ts`, root)).toEqual({ kind: 'package', name: 'node:fs' });
    expect(checkImport('infra/start.ts', { kind: 'file', path: 'services/kit/src/config.ts' }, 'x')).toBeUndefined();
  });
});

describe('eslint.config.js', () => {
  const project = new ESLint({ cwd: root });

  it('turns the boundary rule and the type-aware promise rules on as errors', async () => {
    for (const file of [WORKFLOW, PARTICIPANT_SERVICE, 'domain/nik.ts']) {
      const config = (await project.calculateConfigForFile(file)) as { rules: Record<string, unknown[]>; languageOptions: { parserOptions: Record<string, unknown> } };
      expect(config.rules['lindung/boundaries']?.[0]).toBe(2);
      expect(config.rules['@typescript-eslint/no-floating-promises']?.[0]).toBe(2);
      expect(config.rules['@typescript-eslint/no-misused-promises']?.[0]).toBe(2);
      expect(config.languageOptions.parserOptions.projectService).toBe(true);
    }
  });

  it('ignores generated and installed files', async () => {
    for (const file of [
      'schema/supergraph.graphql',
      'package.json',
      'test/fixtures/histories/claim-lifecycle-paid.json',
      'node_modules/eslint/lib/api.js',
      '.data/x.ts',
      'dist/x.js',
      'bench/results/x.ts',
      'coverage/x.js',
    ]) {
      expect(await project.isPathIgnored(file), file).toBe(true);
    }
    expect(await project.isPathIgnored(WORKFLOW)).toBe(false);
  });
});
