import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FieldCipher } from '../../../kit/src/field-cipher.js';
import { readSecrets } from '../../../kit/src/secrets.js';
import { APP_ROLE } from '../../../kit/src/app-role.js';

/**
 * NIKs at rest: encrypted, with a blind index for lookups and for the one-active-enrolment rule.
 * Existing rows are encrypted here, which is why migrations need the data keys in the environment.
 */
export class EncryptNik1764000000000 implements MigrationInterface {
  name = 'EncryptNik1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participants.participant ADD COLUMN nik_ciphertext text, ADD COLUMN nik_index text`);
    const rows = (await q.query(`SELECT id, nik FROM participants.participant`)) as { id: string; nik: string }[];
    if (rows.length > 0) {
      const cipher = new FieldCipher(readSecrets());
      for (const row of rows) {
        await q.query(`UPDATE participants.participant SET nik_ciphertext = $2, nik_index = $3 WHERE id = $1`, [
          row.id,
          cipher.encrypt(row.nik),
          cipher.blindIndex('nik', row.nik),
        ]);
      }
    }
    await q.query(`DROP INDEX participants.participant_one_active_nik`);
    await q.query(`ALTER TABLE participants.participant DROP COLUMN nik`);
    await q.query(`ALTER TABLE participants.participant ALTER COLUMN nik_ciphertext SET NOT NULL, ALTER COLUMN nik_index SET NOT NULL`);
    await q.query(`ALTER TABLE participants.participant ADD CONSTRAINT participant_nik_encrypted CHECK (nik_ciphertext LIKE 'v1:%')`);
    await q.query(`CREATE UNIQUE INDEX participant_one_active_nik ON participants.participant (nik_index) WHERE status = 'ACTIVE'`);
    await q.query(`CREATE INDEX participant_nik_index_idx ON participants.participant (nik_index)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON participants.participant TO ${APP_ROLE}`);
  }

  async down(): Promise<void> {
    throw new Error('Decrypting NIKs back into plain text is deliberately not supported.');
  }
}
