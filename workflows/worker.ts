import { createServer } from 'node:http';
import { bindHost, envInt, taskQueues } from '../services/kit/src/config.js';
import { temporalSettingsFromEnv } from '../services/kit/src/temporal.js';
import { startLifecycleWorker } from './lifecycle-worker.js';

// The lifecycle worker process: workflows on the `lifecycle` queue, GET /health for the launcher.
const queue = taskQueues().lifecycle;
const worker = await startLifecycleWorker({ settings: temporalSettingsFromEnv(), taskQueue: queue });
const port = envInt('PORT', 4104);
const health = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' }).end(req.url === '/health' ? 'ok' : 'not found');
});
health.listen(port, bindHost(), () => console.log(`lifecycle worker running workflows on task queue ${queue}; health on :${port}`));

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  health.close();
  await worker.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
