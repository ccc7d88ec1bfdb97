import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchStack, type RunningStack } from '../../infra/stack.js';
import { freePorts } from '../harness/ports.js';
import { createTestDatabase, type TestDatabase } from '../harness/database.js';
import { errorCode, mustQuery } from '../harness/graphql.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, completeDocuments, enrol, enterPayoutAccount, jkmClaim, metroWithActiveMou, SITI } from '../fixtures/scenario.js';

// The user's journey against the real processes `npm start` runs (each its own Node process),
// with plain HTTP requests to the gateway only.
let stack: RunningStack;
let db: TestDatabase;
let gateway: string;
let ports: Record<'municipalities' | 'participants' | 'claims' | 'lifecycle' | 'gateway', number>;
const logs: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('journey');
  const [municipalities, participants, claims, lifecycle, gatewayPort] = (await freePorts(5)) as [number, number, number, number, number];
  ports = { municipalities, participants, claims, lifecycle, gateway: gatewayPort };
  stack = await launchStack({
    databaseUrl: db.url,
    temporalAddress: inject('temporalAddress'),
    temporalNamespace: inject('temporalNamespace'),
    ports,
    env: { LINDUNG_TASK_QUEUE_SUFFIX: `journey-${randomUUID().slice(0, 8)}` },
    migrate: null,
    log: (line) => logs.push(line),
  });
  gateway = stack.urls.graphql;
});

afterAll(async () => {
  await stack?.stop();
  await db?.drop();
});

describe('a death claim paid end to end through the gateway', () => {
  it('runs from a new city to Rp 42,000,000 paid, visible in one query across all three subgraphs', async () => {
    const { mouId } = await metroWithActiveMou(gateway);
    const participant = await enrol(gateway, mouId);

    const { submitClaim } = await mustQuery(gateway, op('SubmitClaim'), { input: jkmClaim(participant.id) }, ACTORS.caseworker);
    expect(submitClaim.status).toBe('AWAITING_VERIFICATION');
    expect(await errorCode(gateway, op('SubmitClaim'), { input: jkmClaim(participant.id) }, ACTORS.caseworker)).toMatchObject({ code: 'NOT_ELIGIBLE', reason: 'SECOND_JKM' });

    await completeDocuments(gateway, submitClaim.id);
    await mustQuery(gateway, op('VerifyClaimDocuments'), { claimId: submitClaim.id }, ACTORS.verifier);
    await enterPayoutAccount(gateway, submitClaim.id);
    expect(await errorCode(gateway, op('ApproveClaim'), { claimId: submitClaim.id }, ACTORS.verifier)).toMatchObject({ code: 'FOUR_EYES' });
    await mustQuery(gateway, op('ApproveClaim'), { claimId: submitClaim.id }, ACTORS.supervisor);

    let overview: Record<string, any> = {};
    for (let attempt = 0; attempt < 100; attempt++) {
      overview = (await mustQuery(gateway, op('CityClaimsOverview'), { code: '18.72' }, ACTORS.manager)).municipalityByCode;
      if (overview.mous[0].participants.nodes[0].claims[0].status === 'PAID') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(overview).toMatchObject({
      code: '18.72',
      name: 'Kota Metro',
      mous: [
        {
          status: 'ACTIVE',
          participants: {
            totalCount: 1,
            nodes: [
              {
                fullName: 'Siti Aminah',
                claims: [{ number: submitClaim.number, status: 'PAID', benefit: { total: '42000000' }, payouts: [{ amount: '42000000' }] }],
              },
            ],
          },
        },
      ],
    });
  });

  it('shows, under each process’s own prefix, that it is ready on the port it was given, and never logs a NIK', () => {
    // What a reader of `npm start` looks for: `claims         | claims subgraph ready at http://…:<port>/graphql`.
    const ready: Record<string, RegExp> = {
      municipalities: new RegExp(`^municipalities +\\| municipalities subgraph ready at http://[\\d.]+:${ports.municipalities}/graphql`),
      participants: new RegExp(`^participants +\\| participants subgraph ready at http://[\\d.]+:${ports.participants}/graphql`),
      claims: new RegExp(`^claims +\\| claims subgraph ready at http://[\\d.]+:${ports.claims}/graphql`),
      lifecycle: new RegExp(`^lifecycle +\\| lifecycle worker running workflows on task queue lifecycle-journey-\\w+; health on :${ports.lifecycle}`),
      gateway: new RegExp(`^gateway +\\| gateway ready at http://[\\d.]+:${ports.gateway}/graphql`),
    };
    for (const [part, line] of Object.entries(ready)) {
      expect(
        logs.filter((l) => line.test(l)),
        `${part}'s ready line`,
      ).toHaveLength(1);
    }
    expect(logs.filter((line) => line.includes(SITI.nik))).toEqual([]);
  });
});
