import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoice lines written set-based without per-row work (issue 14's billing benchmark):
 * - the line → invoice foreign key checked each of 100,000 lines one by one at commit; lines are
 *   now written by the same statement as (or after) their header, and one statement-level check
 *   over the inserted rows refuses a line without its invoice. Invoices are never deleted (the
 *   refuse_issued_change trigger), so inserting is the only way to break the link;
 * - the index on participant_id was a random-order insert per line, and nothing reads lines by
 *   participant without their invoice (the primary key's prefix serves those).
 */
export class InvoiceLinesSetBased1766200000000 implements MigrationInterface {
  name = 'InvoiceLinesSetBased1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participants.invoice_line DROP CONSTRAINT invoice_line_invoice_id_fkey`);
    await q.query(`DROP INDEX participants.invoice_line_participant_idx`);
    await q.query(`CREATE FUNCTION participants.invoice_line_has_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_lines n WHERE NOT EXISTS (SELECT 1 FROM participants.invoice i WHERE i.id = n.invoice_id)) THEN
          RAISE EXCEPTION 'an invoice line needs its invoice' USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER invoice_line_has_invoice AFTER INSERT ON participants.invoice_line REFERENCING NEW TABLE AS new_lines
      FOR EACH STATEMENT EXECUTE FUNCTION participants.invoice_line_has_invoice()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER invoice_line_has_invoice ON participants.invoice_line`);
    await q.query(`DROP FUNCTION participants.invoice_line_has_invoice()`);
    await q.query(`CREATE INDEX invoice_line_participant_idx ON participants.invoice_line (participant_id)`);
    await q.query(
      `ALTER TABLE participants.invoice_line ADD CONSTRAINT invoice_line_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES participants.invoice (id) DEFERRABLE INITIALLY DEFERRED`,
    );
  }
}
