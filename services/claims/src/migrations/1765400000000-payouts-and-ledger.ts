import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../../../kit/src/app-role.js';

/**
 * Payouts per (claim, heir, instalment) through a payment provider, the heirs' payout accounts,
 * the batch-file provider's transfers, the double-entry journal and bank-statement reconciliation
 * (issue 15, items 6 and 7).
 */
export class PayoutsAndLedger1765400000000 implements MigrationInterface {
  name = 'PayoutsAndLedger1765400000000';

  async up(q: QueryRunner): Promise<void> {
    // A payout the provider refused for good leaves the claim visibly in PAYOUT_FAILED.
    await q.query(`ALTER TABLE claims.claim DROP CONSTRAINT claim_status_check`);
    await q.query(`ALTER TABLE claims.claim ADD CONSTRAINT claim_status_check
      CHECK (status IN ('SUBMITTED', 'AWAITING_VERIFICATION', 'AWAITING_APPROVAL', 'APPROVED', 'PAYOUT_FAILED', 'PAID', 'REJECTED'))`);

    // Payouts: one per (claim, heir, instalment); its state moves PENDING → SENT → CONFIRMED, or FAILED.
    await q.query(`DROP TRIGGER payout_append_only ON claims.payout`);
    await q.query(`GRANT UPDATE ON claims.payout TO ${APP_ROLE}`);
    await q.query(`CREATE SEQUENCE claims.payout_reference_seq`);
    await q.query(`GRANT USAGE, SELECT ON SEQUENCE claims.payout_reference_seq TO ${APP_ROLE}`);
    await q.query(`ALTER TABLE claims.payout
      ADD COLUMN heir_id uuid,
      ADD COLUMN region_code text,
      ADD COLUMN status text NOT NULL DEFAULT 'SENT' CHECK (status IN ('PENDING', 'SENT', 'CONFIRMED', 'FAILED', 'RETURNED')),
      ADD COLUMN attempt integer NOT NULL DEFAULT 1 CHECK (attempt > 0),
      ADD COLUMN provider text,
      ADD COLUMN provider_reference text,
      ADD COLUMN requested_at timestamptz,
      ADD COLUMN sent_at timestamptz,
      ADD COLUMN confirmed_at timestamptz,
      ADD COLUMN failure_code text,
      ADD COLUMN failure_message text,
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
    // Payouts made before heirs had ids went to the heir on the claim form, whose id is the claim's.
    await q.query(`UPDATE claims.payout p SET heir_id = p.claim_id, sent_at = p.paid_at, region_code = c.region_code FROM claims.claim c WHERE c.id = p.claim_id`);
    await q.query(`ALTER TABLE claims.payout ALTER COLUMN heir_id SET NOT NULL, ALTER COLUMN region_code SET NOT NULL, ALTER COLUMN paid_at DROP NOT NULL, ALTER COLUMN paid_at DROP DEFAULT,
      ALTER COLUMN status DROP DEFAULT`);
    await q.query(`ALTER TABLE claims.payout DROP CONSTRAINT payout_claim_id_instalment_key`);
    await q.query(`ALTER TABLE claims.payout ADD CONSTRAINT payout_one_per_heir_instalment UNIQUE (claim_id, heir_id, instalment)`);
    await q.query(`ALTER TABLE claims.payout ADD CONSTRAINT payout_failed_has_code CHECK ((status = 'FAILED') = (failure_code IS NOT NULL))`);
    // Its status moves; what was paid, to whom and under which reference never does.
    await q.query(`CREATE FUNCTION claims.refuse_payout_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.claim_id <> OLD.claim_id OR NEW.heir_id <> OLD.heir_id OR NEW.instalment <> OLD.instalment OR NEW.amount <> OLD.amount OR NEW.reference <> OLD.reference THEN
          RAISE EXCEPTION 'claims.payout: claim, heir, instalment, amount and reference are append-only';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER payout_fixed_columns BEFORE UPDATE ON claims.payout FOR EACH ROW EXECUTE FUNCTION claims.refuse_payout_rewrite()`);
    await q.query(`CREATE INDEX payout_region_status_idx ON claims.payout (region_code, status, sent_at)`);

    // Where an heir is paid: entered from the savings book, corrected after a refusal. Encrypted.
    await q.query(`CREATE TABLE claims.payout_account (
      claim_id uuid NOT NULL REFERENCES claims.claim (id),
      heir_id uuid NOT NULL,
      bank_code text NOT NULL CHECK (bank_code ~ '^[0-9]{3}$'),
      account_number_encrypted text NOT NULL,
      account_last4 text NOT NULL,
      holder_name text NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (claim_id, heir_id))`);

    // The batch-file provider: each accepted transfer is a row of the treasury's upload file.
    await q.query(`CREATE TABLE claims.payout_batch_transfer (
      idempotency_key text PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      region_code text NOT NULL,
      value_date date NOT NULL,
      bank_code text NOT NULL,
      account_number_encrypted text NOT NULL,
      holder_name text NOT NULL,
      amount bigint NOT NULL CHECK (amount > 0),
      remark text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX payout_batch_transfer_day_idx ON claims.payout_batch_transfer (region_code, value_date, reference)`);

    // The journal: entries with lines, debits = credits per entry (checked at commit), append-only.
    await q.query(`CREATE TABLE claims.journal_entry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('BENEFIT_APPROVED', 'PAYOUT_SENT', 'PAYOUT_CONFIRMED', 'REVERSAL')),
      event_key text NOT NULL UNIQUE,
      memo text NOT NULL,
      region_code text NOT NULL,
      claim_id uuid REFERENCES claims.claim (id),
      payout_id uuid REFERENCES claims.payout (id),
      reverses uuid UNIQUE REFERENCES claims.journal_entry (id),
      posted_by text NOT NULL,
      posted_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT journal_reversal_has_original CHECK ((kind = 'REVERSAL') = (reverses IS NOT NULL)))`);
    await q.query(`CREATE INDEX journal_entry_region_idx ON claims.journal_entry (region_code, seq)`);
    await q.query(`CREATE TABLE claims.journal_line (
      id bigserial PRIMARY KEY,
      entry_id uuid NOT NULL REFERENCES claims.journal_entry (id),
      account text NOT NULL CHECK (account IN ('BENEFIT_EXPENSE', 'BENEFITS_PAYABLE', 'PAYOUTS_IN_TRANSIT', 'FUND_BANK')),
      side text NOT NULL CHECK (side IN ('DEBIT', 'CREDIT')),
      amount bigint NOT NULL CHECK (amount > 0))`);
    await q.query(`CREATE INDEX journal_line_entry_idx ON claims.journal_line (entry_id)`);
    await q.query(`CREATE FUNCTION claims.check_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE debits numeric; credits numeric; lines integer;
      BEGIN
        SELECT coalesce(sum(amount) FILTER (WHERE side = 'DEBIT'), 0), coalesce(sum(amount) FILTER (WHERE side = 'CREDIT'), 0), count(*)
          INTO debits, credits, lines FROM claims.journal_line WHERE entry_id = NEW.entry_id;
        IF lines < 2 OR debits <> credits THEN
          RAISE EXCEPTION 'journal entry % does not balance: % lines, debits %, credits %', NEW.entry_id, lines, debits, credits USING ERRCODE = '23514';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION claims.check_entry_has_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT count(*) FROM claims.journal_line WHERE entry_id = NEW.id) < 2 THEN
          RAISE EXCEPTION 'journal entry % has fewer than two lines', NEW.id USING ERRCODE = '23514';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER journal_line_balanced AFTER INSERT ON claims.journal_line DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION claims.check_entry_balanced()`);
    await q.query(`CREATE CONSTRAINT TRIGGER journal_entry_has_lines AFTER INSERT ON claims.journal_entry DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION claims.check_entry_has_lines()`);

    // Bank statements read back, and what reconciliation found in each.
    await q.query(`CREATE TABLE claims.bank_statement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_code text NOT NULL,
      file_sha256 text NOT NULL,
      line_count integer NOT NULL,
      counts jsonb NOT NULL,
      uploaded_by text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (region_code, file_sha256))`);
    await q.query(`CREATE INDEX bank_statement_region_idx ON claims.bank_statement (region_code, uploaded_at DESC, id DESC)`);
    await q.query(`CREATE TABLE claims.reconciliation_item (
      id bigserial PRIMARY KEY,
      statement_id uuid NOT NULL REFERENCES claims.bank_statement (id),
      outcome text NOT NULL CHECK (outcome IN ('MATCHED', 'MISSING', 'DUPLICATED', 'WRONG_AMOUNT', 'UNKNOWN')),
      line integer,
      reference text,
      payout_id uuid REFERENCES claims.payout (id),
      expected bigint,
      actual bigint)`);
    await q.query(`CREATE INDEX reconciliation_item_statement_idx ON claims.reconciliation_item (statement_id, id)`);

    await q.query(`GRANT SELECT, INSERT, UPDATE ON claims.payout_account, claims.payout_batch_transfer TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA claims TO ${APP_ROLE}`);
    for (const table of ['journal_entry', 'journal_line', 'bank_statement', 'reconciliation_item']) {
      await q.query(`GRANT SELECT, INSERT ON claims.${table} TO ${APP_ROLE}`);
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON claims.${table} FOR EACH ROW EXECUTE FUNCTION claims.refuse_history_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['reconciliation_item', 'bank_statement', 'journal_line', 'journal_entry', 'payout_batch_transfer', 'payout_account'])
      await q.query(`DROP TABLE claims.${table}`);
    await q.query(`DROP FUNCTION claims.check_entry_balanced(), claims.check_entry_has_lines()`);
    await q.query(`DROP TRIGGER payout_fixed_columns ON claims.payout`);
    await q.query(`DROP FUNCTION claims.refuse_payout_rewrite()`);
    await q.query(`DROP SEQUENCE claims.payout_reference_seq`);
  }
}
