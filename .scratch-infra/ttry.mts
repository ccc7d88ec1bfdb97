import { startTemporal } from '../infra/temporal.js';
for (const mode of ['mem', 'file', 'file'] as const) {
  const t0 = Date.now();
  const t = await startTemporal({ useEnv: false, port: 7298, uiPort: 8298, headless: mode === 'mem', dbFile: mode === 'mem' ? null : '/tmp/lindung-try/temporal.db', onLog: (l) => console.log('t|', l) });
  console.log(mode, 'ready in', Date.now() - t0, 'ms', t.address, t.uiUrl);
  const t1 = Date.now();
  await t.stop();
  console.log('stopped in', Date.now() - t1);
}
