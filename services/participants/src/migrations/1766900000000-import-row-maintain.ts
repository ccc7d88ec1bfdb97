import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../../../kit/src/app-role.js';

/**
 * The import ANALYZEs its staging table right after loading a file (import.stage.ts): with the
 * statistics of an empty table the planner ran validation's duplicate check as a nested loop over
 * a window aggregate, quadratic in the file (19,336 rows: still running after 8 minutes). The
 * services' role may ANALYZE it from PostgreSQL 17 on (MAINTAIN); on older servers ANALYZE by a
 * non-owner only warns and autovacuum has to catch up.
 */
export class ImportRowMaintain1766900000000 implements MigrationInterface {
  name = 'ImportRowMaintain1766900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF current_setting('server_version_num')::int >= 170000 THEN
        EXECUTE 'GRANT MAINTAIN ON participants.import_row TO ${APP_ROLE}';
      END IF;
    END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF current_setting('server_version_num')::int >= 170000 THEN
        EXECUTE 'REVOKE MAINTAIN ON participants.import_row FROM ${APP_ROLE}';
      END IF;
    END $$`);
  }
}
