import { bindHost, envInt } from '../../kit/src/config.js';
import { startGateway } from './gateway.js';

// Keys (LINDUNG_INTERNAL_SECRET, LINDUNG_JWT_SECRET or LINDUNG_JWKS_URL) and limits
// (LINDUNG_MAX_*, LINDUNG_RATE_LIMIT_PER_MINUTE, …; see limits.ts) come from the environment.
const gateway = await startGateway({
  port: envInt('PORT', 4000),
  host: bindHost(),
  subgraphUrls: {
    municipalities: process.env['MUNICIPALITIES_URL'],
    participants: process.env['PARTICIPANTS_URL'],
    claims: process.env['CLAIMS_URL'],
  },
});
console.log(`gateway ready at ${gateway.url}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await gateway.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
