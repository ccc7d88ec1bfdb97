import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICES } from './migrate.js';

// Each service owns its schema: its migrations may not read or write another service's tables.
describe('migrations', () => {
  const schemas = SERVICES.map((service) => service.database.schema);

  it.each(SERVICES.map((service) => [service.name, service.database.schema]))('of %s touch only the %s schema', (name, own) => {
    const folder = new URL(`../services/${name}/src/migrations/`, import.meta.url);
    const files = readdirSync(folder).filter((file) => file.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const sql = readFileSync(new URL(file, folder), 'utf8');
      for (const other of schemas.filter((schema) => schema !== own)) {
        expect(sql, `${name}/${file} mentions the ${other} schema`).not.toMatch(new RegExp(`\\b${other}\\.[a-z_]`));
      }
    }
  });
});
