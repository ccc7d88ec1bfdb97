import { startPostgres } from '../infra/postgres.js';
import { withClient } from '../infra/postgres-admin.js';
const dir = '/tmp/lindung-try/postgres';
for (let i = 0; i < 2; i++) {
  const t0 = Date.now();
  const pg = await startPostgres({ useEnv: false, dataDir: dir, port: 5598, onLog: (l) => console.log('pg|', l) });
  console.log('started in', Date.now() - t0, 'ms initialised', pg.initialised, pg.url);
  await withClient(pg.url, async (c) => console.log((await c.query("select current_database(), upper('é') u, version()")).rows));
  const t1 = Date.now();
  await pg.stop();
  console.log('stopped in', Date.now() - t1);
}
