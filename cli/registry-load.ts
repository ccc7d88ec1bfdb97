// `npm run registry:load extract.csv`: loads a civil-registry extract (CSV with NIK, Nama, Tanggal
// Lahir, Jenis Kelamin, Nama Ibu Kandung and optionally Kode Wilayah) into the participants schema,
// where imports verify rows against it. Needs DATABASE_URL and the data keys (LINDUNG_* secrets).
import { createReadStream } from 'node:fs';
import { APP_ROLE } from '../services/kit/src/app-role.js';
import { createServiceDataSource } from '../services/kit/src/database.js';
import { FieldCipher } from '../services/kit/src/field-cipher.js';
import { readSecrets } from '../services/kit/src/secrets.js';
import { loadRegistryExtract } from '../services/participants/src/registry/registry.load.js';

const file = process.argv[2];
const url = process.env['DATABASE_URL'];
if (!file || !url) {
  process.stderr.write('Usage: DATABASE_URL=postgres://… npm run registry:load extract.csv\n');
  process.exit(2);
}
const dataSource = createServiceDataSource({ url, schema: 'participants', entities: [], migrations: [], role: APP_ROLE, poolSize: 1 });
await dataSource.initialize();
try {
  const { loaded, skipped } = await loadRegistryExtract(dataSource, new FieldCipher(readSecrets()), createReadStream(file));
  process.stdout.write(`registry extract loaded: ${loaded} records${skipped ? `, ${skipped} lines skipped (no valid NIK, name or birth date)` : ''}\n`);
} finally {
  await dataSource.destroy();
}
