import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../../../kit/src/app-role.js';

/**
 * Issue 18 (target 4): the managers' KPIs read aggregates instead of every claim (13–16 s at
 * 100,000 claims). Triggers keep them in the same transaction as every write to a claim or an
 * SLA clock — whichever path writes it (the claim workflow's activities, a bulk load, a reopen
 * or a clock restarted) — so they stay exact:
 *
 * - claim_kpi_group: every (city, municipality, program) that has a claim (a KPI row, even with zeros);
 * - claim_kpi_paid: claims PAID, by city, program, year paid (city time) and whole days from filing
 *   to payment: count and amount; the buckets are a histogram that finds which claims hold the
 *   median and the 95th percentile, read exactly from claim_kpi_time_to_pay_idx;
 * - claim_kpi_open: claims not closed, by city, program and year filed;
 * - claim_kpi_sla: SLA clocks whose breach is settled (raised, or met after the due day), by city,
 *   program and year due. Clocks still running past their due day without a recorded breach
 *   depend on today, so they are counted when read (claim_sla_unflagged_idx; the SLA timer
 *   records a breach the day after the due day, so there are few).
 */
export class ClaimKpiAggregates1767200000000 implements MigrationInterface {
  name = 'ClaimKpiAggregates1767200000000';

  async up(q: QueryRunner): Promise<void> {
    // One definition of "the year in the city" and "days to pay" for the triggers, the index and the reads.
    await q.query(`CREATE FUNCTION claims.local_year(at timestamptz, region text) RETURNS integer IMMUTABLE LANGUAGE sql AS $$
      SELECT extract(year FROM at AT TIME ZONE claims.region_time_zone(region))::integer $$`);
    await q.query(`CREATE FUNCTION claims.days_to_pay(paid_at timestamptz, submitted_at timestamptz) RETURNS double precision IMMUTABLE LANGUAGE sql AS $$
      SELECT (extract(epoch FROM paid_at - submitted_at) / 86400)::double precision $$`);
    await q.query(`CREATE TABLE claims.claim_kpi_group (
        region_code text NOT NULL, municipality_id uuid NOT NULL, program text NOT NULL,
        PRIMARY KEY (region_code, municipality_id, program))`);
    await q.query(`CREATE TABLE claims.claim_kpi_paid (
        region_code text NOT NULL, program text NOT NULL, year integer NOT NULL, days integer NOT NULL,
        paid_count integer NOT NULL, paid_amount bigint NOT NULL,
        PRIMARY KEY (year, region_code, program, days))`);
    await q.query(`CREATE TABLE claims.claim_kpi_open (
        region_code text NOT NULL, program text NOT NULL, year integer NOT NULL, open_count integer NOT NULL,
        PRIMARY KEY (year, region_code, program))`);
    await q.query(`CREATE TABLE claims.claim_kpi_sla (
        region_code text NOT NULL, program text NOT NULL, year integer NOT NULL, breaches integer NOT NULL,
        PRIMARY KEY (year, region_code, program))`);
    for (const table of ['claim_kpi_group', 'claim_kpi_paid', 'claim_kpi_open', 'claim_kpi_sla']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON claims.${table} TO ${APP_ROLE}`);
    }
    // The exact time to pay of the k-th claim of a bucket: an index walk of at most the bucket's size.
    await q.query(`CREATE INDEX claim_kpi_time_to_pay_idx ON claims.claim
      (region_code, program, claims.local_year(paid_at, region_code), claims.days_to_pay(paid_at, submitted_at)) WHERE status = 'PAID'`);
    await q.query(`CREATE INDEX claim_sla_unflagged_idx ON claims.claim_sla (due_on) WHERE met_on IS NULL AND breached_at IS NULL`);

    // What one claim row adds to (sign 1) or takes from (sign -1) the aggregates.
    await q.query(`CREATE FUNCTION claims.claim_kpi_add(c claims.claim, sign integer) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF sign > 0 THEN
          INSERT INTO claims.claim_kpi_group VALUES (c.region_code, c.municipality_id, c.program) ON CONFLICT DO NOTHING;
        END IF;
        IF c.status = 'PAID' AND c.paid_at IS NOT NULL THEN
          INSERT INTO claims.claim_kpi_paid AS k VALUES (c.region_code, c.program, claims.local_year(c.paid_at, c.region_code),
                 floor(claims.days_to_pay(c.paid_at, c.submitted_at))::integer, sign, sign * c.benefit_total)
            ON CONFLICT (year, region_code, program, days) DO UPDATE SET paid_count = k.paid_count + EXCLUDED.paid_count, paid_amount = k.paid_amount + EXCLUDED.paid_amount;
        ELSIF c.status NOT IN ('PAID', 'REJECTED', 'CANCELLED') THEN
          INSERT INTO claims.claim_kpi_open AS k VALUES (c.region_code, c.program, claims.local_year(c.submitted_at, c.region_code), sign)
            ON CONFLICT (year, region_code, program) DO UPDATE SET open_count = k.open_count + EXCLUDED.open_count;
        END IF;
      END $$`);
    await q.query(`CREATE FUNCTION claims.claim_sla_breaches_add(region text, prog text, s claims.claim_sla, sign integer) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF s.breached_at IS NOT NULL OR s.met_on > s.due_on THEN
          INSERT INTO claims.claim_kpi_sla AS k VALUES (region, prog, extract(year FROM s.due_on)::integer, sign)
            ON CONFLICT (year, region_code, program) DO UPDATE SET breaches = k.breaches + EXCLUDED.breaches;
        END IF;
      END $$`);
    await q.query(`CREATE FUNCTION claims.claim_kpi_track() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE s claims.claim_sla;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM claims.claim_kpi_add(OLD, -1); END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM claims.claim_kpi_add(NEW, 1); END IF;
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.region_code, OLD.municipality_id, OLD.program) IS DISTINCT FROM (NEW.region_code, NEW.municipality_id, NEW.program)) THEN
          IF NOT EXISTS (SELECT 1 FROM claims.claim WHERE region_code = OLD.region_code AND municipality_id = OLD.municipality_id AND program = OLD.program) THEN
            DELETE FROM claims.claim_kpi_group WHERE region_code = OLD.region_code AND municipality_id = OLD.municipality_id AND program = OLD.program;
          END IF;
        END IF;
        -- A claim's clocks count under its city and program: should those ever change, its breaches move with them.
        IF TG_OP = 'UPDATE' AND (OLD.region_code, OLD.program) IS DISTINCT FROM (NEW.region_code, NEW.program) THEN
          FOR s IN SELECT * FROM claims.claim_sla WHERE claim_id = NEW.id LOOP
            PERFORM claims.claim_sla_breaches_add(OLD.region_code, OLD.program, s, -1);
            PERFORM claims.claim_sla_breaches_add(NEW.region_code, NEW.program, s, 1);
          END LOOP;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER claim_kpi_insert AFTER INSERT ON claims.claim FOR EACH ROW EXECUTE FUNCTION claims.claim_kpi_track()`);
    await q.query(`CREATE TRIGGER claim_kpi_update AFTER UPDATE ON claims.claim FOR EACH ROW
      WHEN ((OLD.status, OLD.paid_at, OLD.submitted_at, OLD.benefit_total, OLD.region_code, OLD.municipality_id, OLD.program)
            IS DISTINCT FROM (NEW.status, NEW.paid_at, NEW.submitted_at, NEW.benefit_total, NEW.region_code, NEW.municipality_id, NEW.program))
      EXECUTE FUNCTION claims.claim_kpi_track()`);
    await q.query(`CREATE TRIGGER claim_kpi_delete AFTER DELETE ON claims.claim FOR EACH ROW EXECUTE FUNCTION claims.claim_kpi_track()`);
    await q.query(`CREATE FUNCTION claims.claim_sla_kpi_track() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE c record;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          SELECT region_code, program INTO c FROM claims.claim WHERE id = OLD.claim_id;
          IF FOUND THEN PERFORM claims.claim_sla_breaches_add(c.region_code, c.program, OLD, -1); END IF;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          SELECT region_code, program INTO c FROM claims.claim WHERE id = NEW.claim_id;
          PERFORM claims.claim_sla_breaches_add(c.region_code, c.program, NEW, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER claim_sla_kpi_insert AFTER INSERT ON claims.claim_sla FOR EACH ROW EXECUTE FUNCTION claims.claim_sla_kpi_track()`);
    await q.query(`CREATE TRIGGER claim_sla_kpi_update AFTER UPDATE ON claims.claim_sla FOR EACH ROW
      WHEN ((OLD.claim_id, OLD.due_on, OLD.met_on, OLD.breached_at) IS DISTINCT FROM (NEW.claim_id, NEW.due_on, NEW.met_on, NEW.breached_at))
      EXECUTE FUNCTION claims.claim_sla_kpi_track()`);
    await q.query(`CREATE TRIGGER claim_sla_kpi_delete AFTER DELETE ON claims.claim_sla FOR EACH ROW EXECUTE FUNCTION claims.claim_sla_kpi_track()`);

    // The claims already recorded, once.
    await q.query(`INSERT INTO claims.claim_kpi_group SELECT DISTINCT region_code, municipality_id, program FROM claims.claim`);
    await q.query(`INSERT INTO claims.claim_kpi_paid
      SELECT region_code, program, claims.local_year(paid_at, region_code), floor(claims.days_to_pay(paid_at, submitted_at))::integer, count(*), sum(benefit_total)
        FROM claims.claim WHERE status = 'PAID' AND paid_at IS NOT NULL GROUP BY 1, 2, 3, 4`);
    await q.query(`INSERT INTO claims.claim_kpi_open
      SELECT region_code, program, claims.local_year(submitted_at, region_code), count(*) FROM claims.claim WHERE status NOT IN ('PAID', 'REJECTED', 'CANCELLED') GROUP BY 1, 2, 3`);
    await q.query(`INSERT INTO claims.claim_kpi_sla
      SELECT c.region_code, c.program, extract(year FROM s.due_on)::integer, count(*) FROM claims.claim_sla s JOIN claims.claim c ON c.id = s.claim_id
       WHERE s.breached_at IS NOT NULL OR s.met_on > s.due_on GROUP BY 1, 2, 3`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const trigger of ['claim_sla_kpi_insert', 'claim_sla_kpi_update', 'claim_sla_kpi_delete']) await q.query(`DROP TRIGGER ${trigger} ON claims.claim_sla`);
    for (const trigger of ['claim_kpi_insert', 'claim_kpi_update', 'claim_kpi_delete']) await q.query(`DROP TRIGGER ${trigger} ON claims.claim`);
    await q.query(`DROP FUNCTION claims.claim_sla_kpi_track()`);
    await q.query(`DROP FUNCTION claims.claim_kpi_track()`);
    await q.query(`DROP FUNCTION claims.claim_sla_breaches_add(text, text, claims.claim_sla, integer)`);
    await q.query(`DROP FUNCTION claims.claim_kpi_add(claims.claim, integer)`);
    await q.query(`DROP INDEX claims.claim_sla_unflagged_idx`);
    await q.query(`DROP INDEX claims.claim_kpi_time_to_pay_idx`);
    for (const table of ['claim_kpi_sla', 'claim_kpi_open', 'claim_kpi_paid', 'claim_kpi_group']) await q.query(`DROP TABLE claims.${table}`);
    await q.query(`DROP FUNCTION claims.days_to_pay(timestamptz, timestamptz)`);
    await q.query(`DROP FUNCTION claims.local_year(timestamptz, text)`);
  }
}
