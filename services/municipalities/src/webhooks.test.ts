import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { Identity } from '../../kit/src/identity.js';
import { listen, closeServer } from '../../kit/src/http-server.js';
import { errorCode, mustQuery } from '../../../test/harness/graphql.js';
import { until, useTestSystem } from '../../../test/harness/suite.js';
import { op } from '../../../test/fixtures/operations.js';
import { ACTORS, metroToday, mouTerms } from '../../../test/fixtures/scenario.js';

// Notifications and signed webhooks with the real system and a real HTTP receiver on 127.0.0.1:
// a Sorong partner app receives Sorong's news, verifiably signed, retried through 500s and a
// timeout; Metro's partner receives none of it.
Object.assign(process.env, {
  LINDUNG_WEBHOOK_ALLOW_HTTP_LOOPBACK: '1',
  LINDUNG_WEBHOOK_RETRY_INITIAL_MS: '100',
  LINDUNG_WEBHOOK_RETRY_MAX_MS: '400',
  LINDUNG_WEBHOOK_TIMEOUT_MS: '500',
});

const sorong = (subject: string, role: Identity['roles'][number], clientId: string | null = null): Identity => ({ subject, roles: [role], cities: ['96.71'], clientId });
const SORONG_PARTNER = sorong('app.sorong-dashboard', 'partner', 'sorong-dashboard');
const SORONG_MANAGER = sorong('manager.sorong', 'manager');
const METRO_PARTNER = ACTORS.partner;

type Received = { path: string; headers: Record<string, string>; body: string; answeredWith: number | 'timeout' };
const received: Received[] = [];
const attemptsById = new Map<string, number>();
const distinctIds: string[] = [];

/** 1st message: 500, 500, then 200. 2nd: no answer in time, then 200. Others: 200. */
function answerFor(id: string): number | 'timeout' {
  if (!distinctIds.includes(id)) distinctIds.push(id);
  const attempt = (attemptsById.get(id) ?? 0) + 1;
  attemptsById.set(id, attempt);
  const nth = distinctIds.indexOf(id);
  if (nth === 0 && attempt <= 2) return 500;
  if (nth === 1 && attempt === 1) return 'timeout';
  return 200;
}

let receiver: Server;
let receiverUrl: string;
const suite = useTestSystem('webhooks');

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    void readBody(req).then((body) => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const answer = req.url === '/metro' ? 200 : answerFor(headers['webhook-id']!);
      received.push({ path: req.url ?? '', headers, body, answeredWith: answer });
      if (answer === 'timeout') setTimeout(() => res.writeHead(200).end(), 1500);
      else res.writeHead(answer).end();
    });
  });
  receiverUrl = (await listen(receiver, 0)).replace(/\/graphql$/, '');
});
afterAll(async () => {
  if (receiver) await closeServer(receiver);
});

describe('signed webhooks and notifications', () => {
  let secret: string;
  let webhookId: string;
  let mouId: string;

  it('lets a partner register for its own cities only, over https (plain http only to this machine in tests)', async () => {
    expect(await errorCode(suite.gateway, op('RegisterWebhook'), { input: { url: `${receiverUrl}/sorong`, cities: ['18.72'] } }, SORONG_PARTNER)).toMatchObject({
      code: 'FORBIDDEN',
      field: 'cities',
    });
    expect(await errorCode(suite.gateway, op('RegisterWebhook'), { input: { url: 'http://partner.example/hook' } }, SORONG_PARTNER)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'url',
    });
    expect(await errorCode(suite.gateway, op('RegisterWebhook'), { input: { url: `${receiverUrl}/sorong`, kinds: ['GOSSIP'] } }, SORONG_PARTNER)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'kinds',
    });
    expect(await errorCode(suite.gateway, op('RegisterWebhook'), { input: { url: `${receiverUrl}/sorong` } }, SORONG_MANAGER)).toMatchObject({ code: 'FORBIDDEN' });
    const { registerWebhook } = await mustQuery(suite.gateway, op('RegisterWebhook'), { input: { url: `${receiverUrl}/sorong` } }, SORONG_PARTNER);
    expect(registerWebhook.webhook).toMatchObject({ clientId: 'sorong-dashboard', cities: ['96.71'], kinds: null, active: true });
    expect(registerWebhook.secret).toMatch(/^whsec_/);
    secret = registerWebhook.secret;
    webhookId = registerWebhook.webhook.id;
    await mustQuery(suite.gateway, op('RegisterWebhook'), { input: { url: `${receiverUrl}/metro` } }, METRO_PARTNER);
    // The secret is stored encrypted, never as given.
    const stored = (await suite.db.query(`SELECT secret_ciphertext FROM municipalities.webhook_endpoint WHERE id = $1`, [webhookId])).rows[0].secret_ciphertext;
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(secret.slice(6, 20));
    expect((await mustQuery(suite.gateway, op('Webhooks'), {}, METRO_PARTNER)).webhooks.map((w: { clientId: string }) => w.clientId)).toEqual(['metro-dashboard']);
  });

  it('delivers each Sorong notification once, signed so the library verifies it, retrying through 500s and a timeout', async () => {
    const city = (await mustQuery(suite.gateway, op('MunicipalityByCode'), { code: '96.71' }, ACTORS.admin)).municipalityByCode.id;
    const year = Number(metroToday().slice(0, 4));
    mouId = (await mustQuery(suite.gateway, op('CreateMou'), { input: mouTerms(city, `${year}-01-01`, `${year + 1}-12-31`) }, SORONG_MANAGER)).createMou.id;
    for (const party of ['CITY', 'BPJS']) {
      await mustQuery(suite.gateway, op('SignMou'), { input: { mouId, party, signatory: party, signedOn: metroToday() } }, SORONG_MANAGER);
    }
    // Two signatures and the activation: three events, three messages.
    const delivered = await until('three delivered messages', () => {
      const ok = received.filter((r) => r.path === '/sorong' && r.answeredWith === 200);
      return new Set(ok.map((r) => r.headers['webhook-id'])).size >= 3 ? ok : undefined;
    });
    const verifier = new Webhook(secret);
    const events = delivered.map((r) => verifier.verify(r.body, r.headers) as { type: string; data: { regionCode: string; mouId: string } });
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['lindung.mou_signed', 'lindung.mou_activated']));
    expect(events.every((e) => e.data.regionCode === '96.71' && e.data.mouId === mouId)).toBe(true);
    // A forged or altered message does not verify.
    expect(() => verifier.verify(delivered[0]!.body.replace('96.71', '18.72'), delivered[0]!.headers)).toThrow();
    // Retries keep the message id: 500, 500, 200 for the first; no answer in time, then 200 for the second.
    const first = distinctIds[0]!;
    const second = distinctIds[1]!;
    expect(received.filter((r) => r.headers['webhook-id'] === first).map((r) => r.answeredWith)).toEqual([500, 500, 200]);
    expect(received.filter((r) => r.headers['webhook-id'] === second).map((r) => r.answeredWith)).toEqual(['timeout', 200]);

    const log = await until('the delivery log', async () => {
      const rows = (await mustQuery(suite.gateway, op('WebhookDeliveries'), { webhookId }, ACTORS.admin)).webhookDeliveries as {
        status: string;
        attempts: { statusCode: number | null; latencyMs: number; error: string | null }[];
      }[];
      return rows.length >= 3 && rows.every((d) => d.status === 'DELIVERED') ? rows : undefined;
    });
    const retried = log.find((d) => d.attempts.length === 3)!;
    expect(retried.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    const timedOut = log.find((d) => d.attempts[0]?.error !== null && d.attempts[0]?.error !== undefined)!;
    expect(timedOut.attempts.map((a) => a.statusCode)).toEqual([null, 200]);
    expect(timedOut.attempts[0]!.error).toBe('no answer within 500 ms');
    expect(timedOut.attempts[0]!.latencyMs).toBeGreaterThanOrEqual(450);
    expect(await errorCode(suite.gateway, op('WebhookDeliveries'), { webhookId }, SORONG_MANAGER)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('sends Metro’s partner nothing of Sorong', async () => {
    expect(received.filter((r) => r.path === '/metro')).toEqual([]);
    expect(Number((await suite.db.query(`SELECT count(*) FROM municipalities.webhook_delivery WHERE region_code <> '96.71'`)).rows[0].count)).toBe(0);
  });

  it('stores notifications a manager reads and acknowledges; another city’s cannot be acknowledged', async () => {
    const list = (await mustQuery(suite.gateway, op('Notifications'), { mouId }, SORONG_MANAGER)).notifications as { id: string; kind: string; recipientRole: string }[];
    expect(list.map((n) => n.kind).sort()).toEqual(['MOU_ACTIVATED', 'MOU_SIGNED', 'MOU_SIGNED']);
    expect(list.every((n) => n.recipientRole === 'manager')).toBe(true);
    const notice = list[0]!;
    expect(await errorCode(suite.gateway, op('AcknowledgeNotification'), { id: notice.id }, ACTORS.manager)).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect((await mustQuery(suite.gateway, op('Notifications'), { mouId }, ACTORS.manager)).notifications).toEqual([]);
    const acknowledged = (await mustQuery(suite.gateway, op('AcknowledgeNotification'), { id: notice.id }, SORONG_MANAGER)).acknowledgeNotification;
    expect(acknowledged).toMatchObject({ id: notice.id, acknowledgedBy: 'manager.sorong' });
    const again = (await mustQuery(suite.gateway, op('AcknowledgeNotification'), { id: notice.id }, sorong('manager.other', 'manager'))).acknowledgeNotification;
    expect(again.acknowledgedBy).toBe('manager.sorong');
    const open = (await mustQuery(suite.gateway, op('Notifications'), { mouId, unacknowledgedOnly: true }, SORONG_MANAGER)).notifications as { id: string }[];
    expect(open.map((n) => n.id)).not.toContain(notice.id);
    // The city operator sees the activation addressed to operators, not the managers' signature notices.
    const operator = (await mustQuery(suite.gateway, op('Notifications'), { mouId }, sorong('operator.sorong', 'city_operator'))).notifications as { kind: string }[];
    expect(operator.map((n) => n.kind)).toEqual(['MOU_ACTIVATED']);
  });
});
