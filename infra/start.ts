// `npm start`: the whole stack on local defaults. Ctrl-C stops everything; data stays in .data/.
import { buildConsoleIfStale } from './console.js';
import { loadDevSecrets, SECRETS_FILE } from './secrets.js';
import { launchStack, type RunningStack } from './stack.js';
import { envPort } from './paths.js';
import { startFakeProvider } from '../services/claims/src/payout/fake-provider/fake-provider.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const controller = new AbortController();
let stack: RunningStack | undefined;
let signalledAt: number | undefined;

function onSignal(signal: NodeJS.Signals): void {
  // npm and tsx relay the terminal's Ctrl-C, so one keypress can arrive twice: count it once.
  if (signalledAt !== undefined && Date.now() - signalledAt < 1_500) return;
  if (signalledAt !== undefined) {
    // Second Ctrl-C: give up waiting; the exit hook in processes.ts still signals every child.
    say(`${signal} again: exiting without waiting`);
    process.exit(1);
  }
  signalledAt = Date.now();
  say(`${signal}: stopping (press Ctrl-C again to force)`);
  if (stack === undefined) controller.abort();
  else void stack.stop().then(() => process.exit(0));
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const startedAt = Date.now();
// The console's development sign-in only on our own generated keys (services/gateway/src/console.ts).
const ownKeys = !process.env['LINDUNG_JWT_SECRET'] && !process.env['LINDUNG_JWKS_URL'] && process.env['LINDUNG_ENV'] !== 'production';
process.env['LINDUNG_CONSOLE_DEV_SIGNIN'] = ownKeys ? '1' : '0';
// The services, the gateway and the migrations all read their keys from the environment.
Object.assign(process.env, await loadDevSecrets());
// Payouts go to our fake disbursement provider, in this process, unless a real one is configured.
const fakeProvider = process.env.LINDUNG_PAYOUT_PROVIDER_URL
  ? undefined
  : await startFakeProvider({ port: envPort('LINDUNG_FAKE_PROVIDER_PORT', 4105), apiKey: 'lindung-dev-key' });
if (fakeProvider) Object.assign(process.env, { LINDUNG_PAYOUT_PROVIDER_URL: fakeProvider.url, LINDUNG_PAYOUT_PROVIDER_KEY: 'lindung-dev-key' });
try {
  await buildConsoleIfStale(say);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
try {
  // Detached children: Ctrl-C reaches only us, and we stop the parts before the servers they use.
  stack = await launchStack({ signal: controller.signal, detached: true });
} catch (error) {
  if (controller.signal.aborted) process.exit(0);
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const { urls } = stack;
say('');
say(`Lindung is up (${((Date.now() - startedAt) / 1000).toFixed(1)} s):`);
say(`  GraphQL API + IDE  ${urls.graphql}   (open it in a browser for the GraphQL IDE)`);
say(`  Web console        ${urls.graphql.replace(/\/graphql$/, '/console/')}${ownKeys ? '   (development sign-in: pick a role, a city and a name)' : ''}`);
for (const [name, url] of Object.entries(urls.subgraphs)) {
  if (name !== 'gateway' && name !== 'lifecycle') say(`  subgraph ${name.padEnd(15)} ${url}`);
}
say(`  Temporal           ${urls.temporalAddress}${urls.temporalUi === undefined ? '' : `   UI ${urls.temporalUi}`}`);
say(`  PostgreSQL         ${urls.database}`);
say(`  Payment provider   ${process.env.LINDUNG_PAYOUT_PROVIDER_URL}${fakeProvider ? '   (the fake one: an account ending in 0000 is closed)' : ''}`);
say(`  Development tokens npm run tokens   (keys in ${SECRETS_FILE()})`);
say('Press Ctrl-C to stop.');

const reason = await stack.crashed;
process.stderr.write(`stopped because ${reason}\n`);
process.exit(1);
