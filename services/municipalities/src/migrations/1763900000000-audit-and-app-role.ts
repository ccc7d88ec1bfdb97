import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appRoleSql, auditTableSql } from '../../../kit/src/app-role.js';

/** The append-only audit log, and the restricted role the service runs as. */
export class AuditAndAppRole1763900000000 implements MigrationInterface {
  name = 'AuditAndAppRole1763900000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [...auditTableSql('municipalities'), ...appRoleSql('municipalities', ['audit_event'])]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE municipalities.audit_event');
    await q.query('DROP FUNCTION municipalities.refuse_history_change() CASCADE');
  }
}
