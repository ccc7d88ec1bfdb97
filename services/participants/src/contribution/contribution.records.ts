import type { DataSource } from 'typeorm';
import type { BillingRecordActivities } from '../../../../workflows/billing/billing.activities.js';
import { reviewArrears } from './arrears.records.js';
import { InvoiceRecords, lockAccount } from './invoice.records.js';
import { applyAccountCredit } from './settlement.records.js';
import type { EnrolmentStanding } from './standing.js';

/** The billing run's activities on the participants queue. */
export function createBillingRecordActivities(dataSource: DataSource, standing: EnrolmentStanding): BillingRecordActivities {
  const invoices = new InvoiceRecords(dataSource);
  return {
    unbilledMonths: (input) => invoices.unbilledMonths(input),
    issueInvoice: (input) => invoices.issueInvoice(input),
    applyAccountCredit: (input) =>
      dataSource.transaction(async (tx) => {
        await lockAccount(tx, input.mouId);
        return { applied: (await applyAccountCredit(tx, input.mouId, input.today)).toString() };
      }),
    reviewArrears: (input) =>
      dataSource.transaction(async (tx) => {
        await lockAccount(tx, input.mouId);
        return reviewArrears(tx, standing, input);
      }),
  };
}
