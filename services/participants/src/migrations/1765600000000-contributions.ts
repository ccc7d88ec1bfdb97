import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../../../kit/src/app-role.js';

/**
 * Contribution billing (issue 14): invoices and credit notes with one line per covered
 * participant, payments and their allocation to lines, the budget lines last read from the MoU,
 * and the arrears billing has found. What was issued never changes: triggers refuse any update
 * of an invoice and of a line's issued columns (only its settlement, paid and credited, moves).
 */
export class Contributions1765600000000 implements MigrationInterface {
  name = 'Contributions1765600000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE participants.invoice (
         id uuid PRIMARY KEY,
         kind text NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
         number text NOT NULL UNIQUE,
         mou_id uuid NOT NULL,
         mou_number text NOT NULL,
         municipality_id uuid NOT NULL,
         region_code text NOT NULL,
         city_name text NOT NULL,
         time_zone text NOT NULL,
         billing_month date NOT NULL CHECK (extract(day FROM billing_month) = 1),
         issued_on date NOT NULL,
         due_on date NOT NULL,
         total bigint NOT NULL,
         line_count integer NOT NULL,
         corrects_invoice_id uuid REFERENCES participants.invoice (id),
         reason text,
         issued_by text NOT NULL,
         issued_at timestamptz NOT NULL DEFAULT now(),
         CHECK ((kind = 'INVOICE') = (corrects_invoice_id IS NULL))
       )`,
      // A month is billed once per MoU, whatever retries or schedules do.
      `CREATE UNIQUE INDEX invoice_one_per_mou_month ON participants.invoice (mou_id, billing_month) WHERE kind = 'INVOICE'`,
      `CREATE INDEX invoice_mou_month_idx ON participants.invoice (mou_id, billing_month, number)`,
      `CREATE INDEX invoice_region_idx ON participants.invoice (region_code, billing_month)`,
      `CREATE TABLE participants.invoice_line (
         invoice_id uuid NOT NULL REFERENCES participants.invoice (id) DEFERRABLE INITIALLY DEFERRED,
         line_no integer NOT NULL,
         participant_id uuid NOT NULL,
         occupation_group text NOT NULL,
         covered_from date NOT NULL,
         covered_to date NOT NULL,
         amount bigint NOT NULL,
         paid bigint NOT NULL DEFAULT 0 CHECK (paid >= 0),
         credited bigint NOT NULL DEFAULT 0 CHECK (credited >= 0),
         PRIMARY KEY (invoice_id, line_no),
         CHECK (amount < 0 OR paid + credited <= amount)
       )`,
      `CREATE INDEX invoice_line_participant_idx ON participants.invoice_line (participant_id)`,
      `CREATE INDEX invoice_line_open_idx ON participants.invoice_line (invoice_id, line_no) WHERE paid + credited < amount`,
      `CREATE TABLE participants.document_sequence (
         kind text NOT NULL, region_code text NOT NULL, year integer NOT NULL, last integer NOT NULL,
         PRIMARY KEY (kind, region_code, year)
       )`,
      `CREATE TABLE participants.contribution_payment (
         id uuid PRIMARY KEY,
         mou_id uuid NOT NULL,
         invoice_id uuid NOT NULL REFERENCES participants.invoice (id),
         region_code text NOT NULL,
         amount bigint NOT NULL CHECK (amount > 0),
         paid_on date NOT NULL,
         reference text NOT NULL,
         allocated bigint NOT NULL DEFAULT 0 CHECK (allocated >= 0 AND allocated <= amount),
         recorded_by text NOT NULL,
         recorded_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (mou_id, reference)
       )`,
      `CREATE INDEX contribution_payment_credit_idx ON participants.contribution_payment (mou_id, paid_on, id) WHERE allocated < amount`,
      `CREATE TABLE participants.payment_allocation (
         payment_id uuid NOT NULL REFERENCES participants.contribution_payment (id),
         invoice_id uuid NOT NULL,
         line_no integer NOT NULL,
         amount bigint NOT NULL CHECK (amount > 0),
         allocated_on date NOT NULL,
         PRIMARY KEY (payment_id, invoice_id, line_no),
         FOREIGN KEY (invoice_id, line_no) REFERENCES participants.invoice_line (invoice_id, line_no)
       )`,
      `CREATE INDEX payment_allocation_line_idx ON participants.payment_allocation (invoice_id, line_no)`,
      `CREATE TABLE participants.billing_budget_line (
         mou_id uuid NOT NULL, fiscal_year integer NOT NULL, amount bigint NOT NULL, valid_from date NOT NULL, valid_to date NOT NULL, read_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (mou_id, fiscal_year)
       )`,
      `CREATE TABLE participants.contribution_arrears (
         participant_id uuid NOT NULL,
         mou_id uuid NOT NULL,
         inactive_from date NOT NULL,
         unpaid_months text[] NOT NULL,
         reactivated_on date,
         PRIMARY KEY (participant_id, inactive_from)
       )`,
      `CREATE UNIQUE INDEX contribution_arrears_open ON participants.contribution_arrears (participant_id) WHERE reactivated_on IS NULL`,
      `CREATE INDEX contribution_arrears_mou_idx ON participants.contribution_arrears (mou_id) WHERE reactivated_on IS NULL`,
      `CREATE FUNCTION participants.refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'issued % cannot be deleted', TG_TABLE_NAME; END IF;
           IF TG_TABLE_NAME = 'invoice' THEN RAISE EXCEPTION 'an issued invoice cannot change; issue a credit note'; END IF;
           IF (NEW.invoice_id, NEW.line_no, NEW.participant_id, NEW.occupation_group, NEW.covered_from, NEW.covered_to, NEW.amount)
              IS DISTINCT FROM (OLD.invoice_id, OLD.line_no, OLD.participant_id, OLD.occupation_group, OLD.covered_from, OLD.covered_to, OLD.amount) THEN
             RAISE EXCEPTION 'an issued invoice line cannot change; issue a credit note';
           END IF;
           RETURN NEW;
         END $$`,
      `CREATE TRIGGER invoice_issued BEFORE UPDATE OR DELETE ON participants.invoice FOR EACH ROW EXECUTE FUNCTION participants.refuse_issued_change()`,
      `CREATE TRIGGER invoice_line_issued BEFORE UPDATE OR DELETE ON participants.invoice_line FOR EACH ROW EXECUTE FUNCTION participants.refuse_issued_change()`,
      `GRANT SELECT, INSERT ON participants.invoice, participants.payment_allocation TO ${APP_ROLE}`,
      `GRANT SELECT, INSERT, UPDATE ON participants.invoice_line, participants.contribution_payment, participants.document_sequence, participants.billing_budget_line, participants.contribution_arrears TO ${APP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['contribution_arrears', 'billing_budget_line', 'payment_allocation', 'contribution_payment', 'document_sequence', 'invoice_line', 'invoice'])
      await q.query(`DROP TABLE participants.${t}`);
    await q.query('DROP FUNCTION participants.refuse_issued_change()');
  }
}
