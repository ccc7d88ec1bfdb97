import type { MigrationInterface, QueryRunner } from 'typeorm';
import { contributionForIncome, DEFAULT_DECLARED_INCOME } from '../../../../domain/contributions/income-basis.js';
import { kpjFromSequence, KPJ_SEQUENCE_MAX, KPJ_SEQUENCE_START } from '../../../../domain/participants/kpj.js';
import type { Program } from '../../../../domain/programs.js';
import { APP_ROLE } from '../../../kit/src/app-role.js';

/**
 * People and enrolments as two things (issue 13). Each row of `participant` was one enrolment of
 * one NIK; it becomes a row of `enrolment` with the same id (so claims' participantId and the
 * MoU quota reservations keep meaning the same), and each NIK becomes one `person` carrying the
 * identity (the newest row's details win), a KPJ number (issued in order of first enrolment, as
 * every old row had been activated) and later a date of death. TERMINATED becomes ENDED, with
 * reason WITHDRAWN when a city operator ended it (the note from the audit log) and MOU_ENDED
 * otherwise. Standing becomes periods: one per enrolment from its first day. `participant`
 * stays as a read-only view of enrolment joined with person.
 */
export class PeopleAndEnrolments1765100000000 implements MigrationInterface {
  name = 'PeopleAndEnrolments1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participants.participant RENAME TO enrolment`);
    for (const [from, to] of [
      ['participant_pkey', 'enrolment_pkey'],
      ['participant_municipality_idx', 'enrolment_municipality_idx'],
      ['participant_mou_idx', 'enrolment_mou_idx'],
      ['participant_region_idx', 'enrolment_region_idx'],
    ]) {
      await q.query(`ALTER INDEX participants.${from} RENAME TO ${to}`);
    }
    await q.query(`
      CREATE TABLE participants.person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        nik_ciphertext text NOT NULL CHECK (nik_ciphertext LIKE 'v1:%'),
        nik_index text NOT NULL UNIQUE,
        full_name text NOT NULL CHECK (length(trim(full_name)) > 0),
        birth_date date NOT NULL,
        sex text NOT NULL CHECK (sex IN ('M', 'F')),
        mother_maiden_name text NOT NULL,
        address text NOT NULL,
        region_code text NOT NULL,
        kpj_number text UNIQUE CHECK (kpj_number ~ '^[1-9][0-9]{10}$'),
        date_of_death date CHECK (date_of_death IS NULL OR date_of_death >= birth_date),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE SEQUENCE participants.kpj_seq START ${KPJ_SEQUENCE_START} MINVALUE ${KPJ_SEQUENCE_START} MAXVALUE ${KPJ_SEQUENCE_MAX} NO CYCLE`);
    await q.query(`
      INSERT INTO participants.person (nik_ciphertext, nik_index, full_name, birth_date, sex, mother_maiden_name, address, region_code, created_at)
      SELECT DISTINCT ON (nik_index) nik_ciphertext, nik_index, full_name, birth_date, sex, mother_maiden_name, address, region_code,
             min(enrolled_at) OVER (PARTITION BY nik_index)
        FROM participants.enrolment ORDER BY nik_index, enrolled_at DESC, id`);
    const people = (await q.query(`SELECT id FROM participants.person ORDER BY created_at, id`)) as { id: string }[];
    for (let i = 0; i < people.length; i += 1000) {
      const page = people.slice(i, i + 1000);
      const values = (await q.query(`SELECT nextval('participants.kpj_seq')::text AS n FROM generate_series(1, $1)`, [page.length])) as { n: string }[];
      await q.query(`UPDATE participants.person p SET kpj_number = v.kpj FROM unnest($1::uuid[], $2::text[]) AS v(id, kpj) WHERE p.id = v.id`, [
        page.map((p) => p.id),
        values.map((v) => kpjFromSequence(BigInt(v.n))),
      ]);
    }

    await q.query(`ALTER TABLE participants.enrolment ADD COLUMN person_id uuid REFERENCES participants.person (id)`);
    await q.query(`UPDATE participants.enrolment e SET person_id = p.id FROM participants.person p WHERE p.nik_index = e.nik_index`);
    await q.query(`ALTER TABLE participants.enrolment ALTER COLUMN person_id SET NOT NULL`);
    await q.query(`DROP INDEX participants.participant_one_active_nik`);
    await q.query(`DROP INDEX participants.participant_nik_index_idx`);
    await q.query(`ALTER TABLE participants.enrolment DROP CONSTRAINT participant_nik_encrypted`);
    await q.query(
      `ALTER TABLE participants.enrolment DROP COLUMN nik_ciphertext, DROP COLUMN nik_index, DROP COLUMN birth_date, DROP COLUMN sex, DROP COLUMN mother_maiden_name, DROP COLUMN address`,
    );
    await q.query(
      `COMMENT ON COLUMN participants.enrolment.full_name IS 'The name as the city submitted it for this enrolment (pages are ordered by it); the name of record is person.full_name.'`,
    );

    // Status: ACTIVE / INACTIVE / ENDED, with a reason once ended.
    await q.query(`ALTER TABLE participants.enrolment DROP CONSTRAINT participant_status_check`);
    await q.query(`ALTER TABLE participants.enrolment ADD COLUMN end_reason text, ADD COLUMN end_note text, ADD COLUMN ended_at timestamptz`);
    await q.query(`
      UPDATE participants.enrolment e SET status = 'ENDED',
             end_reason = CASE WHEN a.entity_id IS NULL THEN 'MOU_ENDED' ELSE 'WITHDRAWN' END,
             end_note = a.after ->> 'reason', ended_at = COALESCE(a.at, now())
        FROM participants.enrolment x
        LEFT JOIN LATERAL (SELECT entity_id, after, at FROM participants.audit_event
                            WHERE action = 'participant.end' AND entity_id = x.id::text ORDER BY at DESC LIMIT 1) a ON true
       WHERE x.id = e.id AND e.status = 'TERMINATED'`);
    await q.query(`
      ALTER TABLE participants.enrolment
        ADD CONSTRAINT enrolment_status_check CHECK (status IN ('ACTIVE', 'INACTIVE', 'ENDED')),
        ADD CONSTRAINT enrolment_end_reason_check CHECK (end_reason IN ('MOU_ENDED', 'MOU_RENEWED', 'MOVED', 'DIED', 'WITHDRAWN')),
        ADD CONSTRAINT enrolment_ended_has_reason CHECK ((status = 'ENDED') = (end_reason IS NOT NULL))`);
    // An enrolment ended before it began covered no day: coverage_to is then the day before coverage_from.
    await q.query(`ALTER TABLE participants.enrolment DROP CONSTRAINT participant_check`);
    await q.query(`ALTER TABLE participants.enrolment ADD CONSTRAINT enrolment_coverage_check CHECK (coverage_to >= coverage_from - 1)`);
    // A person is city-funded by at most one open enrolment anywhere.
    await q.query(`CREATE UNIQUE INDEX enrolment_one_open_per_person ON participants.enrolment (person_id) WHERE status IN ('ACTIVE', 'INACTIVE')`);
    await q.query(`CREATE INDEX enrolment_person_idx ON participants.enrolment (person_id, coverage_from)`);
    await q.query(`CREATE INDEX enrolment_coverage_idx ON participants.enrolment (municipality_id, coverage_from, coverage_to)`);

    // Declared income on the BPU basis, and the contribution it implies (the city package for old rows).
    await q.query(`ALTER TABLE participants.enrolment ADD COLUMN declared_monthly_income bigint NOT NULL DEFAULT ${DEFAULT_DECLARED_INCOME} CHECK (declared_monthly_income > 0)`);
    await q.query(`ALTER TABLE participants.enrolment ALTER COLUMN declared_monthly_income DROP DEFAULT`);
    await q.query(`ALTER TABLE participants.enrolment ADD COLUMN monthly_contribution bigint CHECK (monthly_contribution >= 0)`);
    const combos = (await q.query(`SELECT DISTINCT programs, coverage_from::text AS on FROM participants.enrolment`)) as { programs: Program[]; on: string }[];
    for (const combo of combos) {
      const amount = contributionForIncome(combo.programs, DEFAULT_DECLARED_INCOME, combo.on).total;
      await q.query(`UPDATE participants.enrolment SET monthly_contribution = $1 WHERE programs = $2 AND coverage_from = $3`, [amount.toString(), combo.programs, combo.on]);
    }
    await q.query(`ALTER TABLE participants.enrolment ALTER COLUMN monthly_contribution SET NOT NULL`);
    // A renewal moves a participant to the successor MoU under a new enrolment that names this one.
    await q.query(`ALTER TABLE participants.enrolment ADD COLUMN predecessor_id uuid UNIQUE REFERENCES participants.enrolment (id)`);

    // Standing over time: ACTIVE or INACTIVE (arrears) from a day until the next period starts.
    await q.query(`
      CREATE TABLE participants.enrolment_status_period (
        enrolment_id uuid NOT NULL REFERENCES participants.enrolment (id),
        status text NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE')),
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to IS NULL OR valid_to >= valid_from),
        PRIMARY KEY (enrolment_id, valid_from)
      )`);
    await q.query(`
      INSERT INTO participants.enrolment_status_period (enrolment_id, status, valid_from, valid_to)
      SELECT id, CASE WHEN status = 'INACTIVE' THEN 'INACTIVE' ELSE 'ACTIVE' END, coverage_from, NULL FROM participants.enrolment`);

    await q.query(`
      CREATE VIEW participants.participant AS
      SELECT e.id, e.person_id, p.nik_ciphertext, p.nik_index, e.full_name, p.birth_date, p.sex, p.mother_maiden_name, p.address,
             e.occupation_group, e.municipality_id, e.mou_id, e.region_code, e.programs, e.coverage_from, e.coverage_to, e.status,
             e.end_reason, e.end_note, e.declared_monthly_income, e.monthly_contribution, e.predecessor_id, e.enrolled_by, e.enrolled_at,
             p.kpj_number, p.date_of_death
        FROM participants.enrolment e JOIN participants.person p ON p.id = e.person_id`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON participants.person TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON participants.enrolment_status_period TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT ON participants.participant TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE ON SEQUENCE participants.kpj_seq TO ${APP_ROLE}`);
    // Enrolments are history: never deleted.
    await q.query(`REVOKE DELETE ON participants.enrolment FROM ${APP_ROLE}`);
  }

  async down(): Promise<void> {
    throw new Error('People and their enrolments are not folded back into one row per enrolment.');
  }
}
