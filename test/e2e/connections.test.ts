import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS } from '../../services/kit/src/http-server.js';
import { authHeaders } from '../harness/graphql.js';
import { startTestSystem, type TestSystem } from '../harness/system.js';
import { op } from '../fixtures/operations.js';
import { ACTORS, enrol, METRO, metroWithActiveMou } from '../fixtures/scenario.js';

// Issue 16, finding 10: under concurrency the gateway warned `MaxListenersExceededWarning … abort
// listeners added to [AbortSignal]` (every subgraph call hung its listener on one long-lived
// signal), and bursts of parallel requests from one keep-alive client now and then met
// `other side closed` (servers closed idle connections after Node's 5 s, as long as clients keep them).
let system: TestSystem;
let headers: Record<string, string>;
const warnings: string[] = [];
const onWarning = (warning: Error): void => void warnings.push(`${warning.name}: ${warning.message}`);

beforeAll(async () => {
  process.on('warning', onWarning);
  system = await startTestSystem('connections');
  const { mouId } = await metroWithActiveMou(system.gatewayUrl);
  await enrol(system.gatewayUrl, mouId);
  headers = await authHeaders(ACTORS.manager);
});
afterAll(async () => {
  process.off('warning', onWarning);
  await system?.stop();
});

interface Answer {
  status: number;
  body: string;
  localPort: number | undefined;
}

/** One POST over `agent`; resolves with the socket's local port, so reuse of a connection is visible. */
function post(agent: Agent, url: string, body: string): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), localPort: res.socket?.localPort }));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

const overview = () => JSON.stringify({ query: op('CityClaimsOverview'), variables: { code: METRO.code } });
const people = () => JSON.stringify({ query: op('MouParticipants'), variables: { code: METRO.code, first: 5 } });

describe('connections under bursts', () => {
  it('holds idle connections longer than clients and load balancers do, and reads headers for longer still', () => {
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
    expect(HEADERS_TIMEOUT_MS).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
  });

  it('keeps a keep-alive connection open across an idle pause longer than Node’s old 5 s default', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await post(agent, system.gatewayUrl, people());
      await sleep(6_000); // the experiment itself: an idle connection, as between a user's clicks
      const second = await post(agent, system.gatewayUrl, people());
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.localPort).toBe(first.localPort); // the same connection, not a new one
    } finally {
      agent.destroy();
    }
  });

  it('answers bursts of 20 parallel requests from one keep-alive client, with idle pauses between, without a socket error or a listener warning', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const failures: string[] = [];
    let answered = 0;
    try {
      for (let burst = 0; burst < 4; burst++) {
        const answers = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => post(agent, system.gatewayUrl, i % 2 === 0 ? overview() : people())));
        for (const answer of answers) {
          if (answer.status === 'rejected') failures.push(String(answer.reason));
          else if (answer.value.status !== 200 || answer.value.body.includes('"errors"')) failures.push(`HTTP ${answer.value.status}: ${answer.value.body.slice(0, 200)}`);
          else answered++;
        }
        if (burst < 3) await sleep(burst % 2 === 0 ? 5_100 : 1_000); // around the old idle timeout, and well within it
      }
    } finally {
      agent.destroy();
    }
    console.log(`keep-alive bursts: ${answered} of 80 answered, ${failures.length} failures, ${warnings.length} process warnings`);
    expect(failures).toEqual([]);
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  });
});
