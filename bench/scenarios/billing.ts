import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { systemActor } from '../../domain/access.js';
import { createDatabase, databaseUrl } from '../../infra/postgres-admin.js';
import { InvoiceRecords } from '../../services/participants/src/contribution/invoice.records.js';
import type { MouForBilling } from '../../workflows/billing/billing.activities.js';
import { median, round } from '../lib/stats.js';
import { startInfra, type BenchInfra } from '../lib/system.js';

// Monthly billing of one MoU with `participants` enrolments: the billing run's issuing activity
// (lock, checks, one INSERT … SELECT of the lines, totals, numbered header, audit) against a plain
// INSERT … SELECT producing the same lines into a table of the same shape, in the same run.
// Goal (issue 14): at most 3× the plain statement at 100,000 participants.

export interface BillingFigures {
  participants: number;
  billingMs: number;
  plainMs: number;
  ratio: number;
}

export async function benchBilling(infra: BenchInfra, options: { participants: number; rounds: number }): Promise<BillingFigures> {
  const name = `bench_billing_${Date.now().toString(36)}`;
  await createDatabase(infra.pg.adminUrl, name);
  const url = databaseUrl(infra.pg.adminUrl, name);
  const { migrateAll } = await import('../../infra/migrate.js');
  await migrateAll(url);
  const db = new DataSource({ type: 'postgres', url });
  await db.initialize();
  try {
    const mouId = randomUUID();
    await db.query(
      `WITH people AS (
         INSERT INTO participants.person (nik_ciphertext, nik_index, full_name, birth_date, sex, mother_maiden_name, address, region_code)
         SELECT 'v1:bench', 'bench-' || i, 'Pekerja ' || i, '1980-01-01', 'M', 'Ibu', 'Metro', '18.72' FROM generate_series(1, $3) AS i RETURNING id, full_name
       )
       INSERT INTO participants.enrolment (id, person_id, full_name, occupation_group, municipality_id, mou_id, region_code, programs, coverage_from, coverage_to, status, enrolled_by, declared_monthly_income, monthly_contribution)
       SELECT gen_random_uuid(), id, full_name, CASE WHEN random() < 0.5 THEN 'RT_RW_HEAD' ELSE 'RELIGIOUS_TEACHER' END, $2, $1, '18.72', ARRAY['JKK','JKM'], '2020-01-01', '2030-12-31', 'ACTIVE', 'bench', 1000000, 16800
         FROM people`,
      [mouId, randomUUID(), options.participants],
    );
    await db.query(`CREATE TABLE participants.bench_line (LIKE participants.invoice_line INCLUDING DEFAULTS)`);
    await db.query(`ANALYZE participants.enrolment`);
    const records = new InvoiceRecords(db);
    const mou = (month: string): MouForBilling => ({
      mouId,
      mouNumber: 'MOU/1872/2026/0001',
      municipalityId: randomUUID(),
      cityName: 'Kota Metro',
      regionCode: '18.72',
      timeZone: 'Asia/Jakarta',
      status: 'ACTIVE',
      validFrom: '2020-01-01',
      validTo: '2030-12-31',
      rates: [
        { group: 'RT_RW_HEAD', monthlyRate: '16800', validFrom: '2020-01-01' },
        { group: 'RELIGIOUS_TEACHER', monthlyRate: '16800', validFrom: '2020-01-01' },
      ],
      budgetLines: [],
      today: `${month}-02`,
    });
    const billing: number[] = [];
    const plain: number[] = [];
    for (let r = 0; r < options.rounds; r++) {
      const month = `2021-${String(r + 1).padStart(2, '0')}`;
      let t0 = performance.now();
      await db.query(
        `INSERT INTO participants.bench_line (invoice_id, line_no, participant_id, occupation_group, covered_from, covered_to, amount)
         SELECT $2, row_number() OVER (ORDER BY p.occupation_group, p.full_name, p.id), p.id, p.occupation_group, GREATEST(p.coverage_from, $3::date), LEAST(p.coverage_to, $4::date), 16800
           FROM participants.enrolment p WHERE p.mou_id = $1 AND p.coverage_from <= $4::date AND p.coverage_to >= $3::date`,
        [mouId, randomUUID(), `${month}-01`, `${month}-28`],
      );
      plain.push(performance.now() - t0);
      t0 = performance.now();
      const issued = await records.issueInvoice({ mou: mou(month), month, actor: systemActor('bench') });
      billing.push(performance.now() - t0);
      if (issued.lines !== options.participants) throw new Error(`billed ${issued.lines} lines, expected ${options.participants}`);
      console.log(`  round ${r + 1}: billing ${round(billing.at(-1)!, 0)} ms, plain INSERT … SELECT ${round(plain.at(-1)!, 0)} ms (${options.participants} lines)`);
    }
    const billingMs = median(billing);
    const plainMs = median(plain);
    return { participants: options.participants, billingMs: round(billingMs, 1), plainMs: round(plainMs, 1), ratio: round(billingMs / plainMs, 2) };
  } finally {
    await db.destroy();
  }
}

// Standalone: `npx tsx bench/scenarios/billing.ts [participants] [rounds]` (npm run bench runs it at 100,000).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const infra = await startInfra();
  try {
    console.log(await benchBilling(infra, { participants: Number(process.argv[2] ?? 2000), rounds: Number(process.argv[3] ?? 2) }));
  } finally {
    await infra.stop();
  }
}
