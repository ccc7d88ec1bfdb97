import { writeFileSync } from 'node:fs';
import { startBenchStack, startBenchTemporal, startInfra } from './lib/system.js';
import { benchGateway } from './scenarios/gateway.js';

// Only the gateway scenario, one round (a helper's profiling run; not part of npm run bench).
const infra = await startInfra();
try {
  const temporal = await startBenchTemporal(true);
  const system = await startBenchStack(infra, temporal, 'gateway');
  try {
    const figures = await benchGateway(system, 1);
    writeFileSync(process.argv[2] ?? '/tmp/gateway-figures.json', JSON.stringify(figures, null, 2));
    for (const f of figures) {
      for (const [route, r] of Object.entries(f.routes)) console.log(`${f.name} ${route}: cpu ${JSON.stringify(r!.cpuPerRequest)} total ${r!.cpuTotal} p50 ${r!.p50}`);
    }
  } finally {
    await system.stop();
    await temporal.stop();
  }
} finally {
  await infra.stop();
}
