import { migrateService } from '../services/kit/src/database.js';
import { claimsService } from '../services/claims/src/service.js';
import { municipalitiesService } from '../services/municipalities/src/service.js';
import { participantsService } from '../services/participants/src/service.js';

/** Every service's schema, migrated in turn: each service owns and migrates only its own. */
export const SERVICES = [municipalitiesService, participantsService, claimsService] as const;

export async function migrateAll(databaseUrl: string): Promise<void> {
  for (const service of SERVICES) await migrateService({ ...service.database, url: databaseUrl });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('Set DATABASE_URL to the database to migrate.');
  await migrateAll(url);
  console.log('migrations applied');
}
