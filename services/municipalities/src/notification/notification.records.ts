import type { DataSource } from 'typeorm';
import type { Role } from '../../../../domain/access.js';
import type { MouNotice, NotificationKind } from '../../../../workflows/mou-lifecycle/mou-lifecycle.activities.js';

/** Who hears of what: managers follow their MoUs; reminders also reach city operators; escalations and budget alarms reach BPJS administrators. */
export const RECIPIENTS: Readonly<Record<NotificationKind, readonly Role[]>> = {
  MOU_SIGNED: ['manager'],
  MOU_ACTIVATED: ['manager', 'city_operator'],
  MOU_RENEWAL_REMINDER: ['manager', 'city_operator'],
  MOU_RENEWAL_ESCALATION: ['manager', 'admin'],
  MOU_AMENDED: ['manager'],
  MOU_RENEWED: ['manager'],
  MOU_EXPIRED: ['manager', 'city_operator', 'admin'],
  MOU_TERM_ENDED: ['manager'],
  MOU_TERMINATED: ['manager', 'city_operator', 'admin'],
  BUDGET_ALARM: ['manager', 'admin'],
};

function describe(notice: MouNotice, number: string): { title: string; message: string } {
  const d = notice.details;
  switch (notice.kind) {
    case 'MOU_SIGNED':
      return { title: `MoU ${number} signed by the ${d['party'] === 'CITY' ? 'city' : 'BPJS office'}`, message: `${d['signatory']} signed MoU ${number} on ${d['signedOn']}.` };
    case 'MOU_ACTIVATED':
      return { title: `MoU ${number} is active`, message: `MoU ${number} funds coverage from ${d['validFrom']} to ${d['validTo']}.` };
    case 'MOU_RENEWAL_REMINDER':
      return {
        title: `MoU ${number} expires in ${d['daysBefore']} days`,
        message: `MoU ${number} ends on ${d['validTo']}; renew it before then or its participants lose coverage.`,
      };
    case 'MOU_RENEWAL_ESCALATION':
      return {
        title: `MoU ${number} is still not renewed`,
        message: `MoU ${number} ends on ${d['validTo']} and has not been renewed ${d['daysBefore']} days before; please follow up with the city.`,
      };
    case 'MOU_AMENDED':
      return { title: `MoU ${number} amended`, message: `Addendum (terms version ${d['version']}) takes effect on ${d['effectiveFrom']}; the MoU runs until ${d['validTo']}.` };
    case 'MOU_RENEWED':
      return { title: `MoU ${number} renewed`, message: `Successor ${d['successorNumber']} was drafted; both parties must sign it.` };
    case 'MOU_EXPIRED':
      return { title: `MoU ${number} expired`, message: `MoU ${number} ended on ${d['validTo']}; its participants are no longer covered from the day after.` };
    case 'MOU_TERM_ENDED':
      return {
        title: `MoU ${number} ended; its successor takes over`,
        message: `The term ended on ${d['validTo']}; participants must be enrolled under the successor to stay covered.`,
      };
    case 'MOU_TERMINATED':
      return { title: `MoU ${number} terminated`, message: `MoU ${number} was terminated (${d['reason']}); its participants are covered through ${notice.occurredOn} only.` };
    case 'BUDGET_ALARM':
      if (d['level'] === 'COMMITTED_80' || d['level'] === 'COMMITTED_95') {
        const percent = Math.floor(Number(d['utilisationBasisPoints']) / 100);
        return {
          title: `Budget ${d['fiscalYear']} of MoU ${number} is ${percent}% committed`,
          message: `At today's enrolment Rp ${d['committed']} of the Rp ${d['budget']} for ${d['fiscalYear']} is committed (${percent}%); plan an addendum or slow enrolment.`,
        };
      }
      return {
        title: `Budget ${d['fiscalYear']} of MoU ${number} runs short`,
        message: d['projectedRunOut']
          ? `At today's enrolment the ${d['fiscalYear']} budget runs out on ${d['projectedRunOut']} (committed Rp ${d['committed']} of Rp ${d['budget']}).`
          : `The ${d['fiscalYear']} budget is overcommitted: Rp ${d['committed']} of Rp ${d['budget']}.`,
      };
  }
}

/** Stores notifications: one row per recipient role, once per dedupe key however often a step is replayed. */
export class NotificationRecords {
  constructor(private readonly dataSource: DataSource) {}

  async notify(notice: MouNotice): Promise<string[]> {
    const [mou] = (await this.dataSource.query(`SELECT number, municipality_id, region_code FROM municipalities.mou WHERE id = $1`, [notice.mouId])) as {
      number: string;
      municipality_id: string;
      region_code: string;
    }[];
    if (!mou) throw new Error(`MoU ${notice.mouId} is missing`);
    const { title, message } = describe(notice, mou.number);
    const ids: string[] = [];
    for (const role of RECIPIENTS[notice.kind]) {
      const rows = (await this.dataSource.query(
        `INSERT INTO municipalities.notification (dedupe_key, kind, recipient_role, region_code, municipality_id, mou_id, title, message, details, occurred_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (dedupe_key) DO UPDATE SET dedupe_key = EXCLUDED.dedupe_key RETURNING id`,
        [`${notice.dedupeKey}/${role}`, notice.kind, role, mou.region_code, mou.municipality_id, notice.mouId, title, message, JSON.stringify(notice.details), notice.occurredOn],
      )) as { id: string }[];
      ids.push(rows[0]!.id);
    }
    return ids;
  }
}
