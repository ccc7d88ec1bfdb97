import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';
import type { ClaimLeadOpened, DeathNotice } from '../../../../workflows/death-notice/death-notice.messages.js';

export type LeadRow = {
  id: string;
  person_id: string;
  participant_id: string;
  municipality_id: string;
  region_code: string;
  date_of_death: string;
  source: string;
  status: 'OPEN' | 'CONVERTED' | 'DISMISSED';
  claim_id: string | null;
  dismissed_reason: string | null;
  created_at: Date;
  resolved_by: string | null;
};

const COLUMNS = `id, person_id, participant_id, municipality_id, region_code, date_of_death::text AS date_of_death, source, status, claim_id, dismissed_reason, created_at, resolved_by`;

/**
 * Claim leads: a covered person's death reported by the civil registry, waiting for a caseworker
 * to contact the heirs. A lead is not a claim; it is converted when the heirs file one (linked to
 * that claim) or dismissed with a reason. One lead per (person, date of death).
 */
export class LeadService {
  constructor(private readonly dataSource: DataSource) {}

  /** The claims activity of the death-notice workflow: a repeat answers the existing lead. */
  async open(notice: DeathNotice): Promise<ClaimLeadOpened> {
    return this.dataSource.transaction(async (tx) => {
      const inserted = (await tx.query(
        `INSERT INTO claims.claim_lead (person_id, participant_id, municipality_id, region_code, date_of_death, source, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (person_id, date_of_death) DO NOTHING RETURNING id`,
        [notice.personId, notice.participantId, notice.municipalityId, notice.regionCode, notice.dateOfDeath, notice.source, notice.actor.subject],
      )) as { id: string }[];
      if (!inserted[0]) {
        const [existing] = (await tx.query(`SELECT id FROM claims.claim_lead WHERE person_id = $1 AND date_of_death = $2`, [notice.personId, notice.dateOfDeath])) as {
          id: string;
        }[];
        return { leadId: existing!.id, opened: false };
      }
      await recordAudit(tx, 'claims', {
        actor: notice.actor,
        action: 'claim.lead.open',
        entityType: 'ClaimLead',
        entityId: inserted[0].id,
        regionCode: notice.regionCode,
        before: null,
        after: { participantId: notice.participantId, dateOfDeath: notice.dateOfDeath, source: notice.source },
      });
      return { leadId: inserted[0].id, opened: true };
    });
  }

  /** Open leads of the caller's cities (and the inbox's city filter), oldest death first. */
  openLeads(scope: CityScopeFilter, regionCode: string | null, first: number): Promise<LeadRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM claims.claim_lead WHERE status = 'OPEN' AND ($1::text[] IS NULL OR region_code = ANY($1)) AND ($2::text IS NULL OR region_code = $2)
        ORDER BY date_of_death, id LIMIT $3`,
      [scope.asSqlArray(), regionCode, first],
    ) as Promise<LeadRow[]>;
  }

  /** The heirs filed: links the lead to their claim, which must be for the same participant. */
  convert(leadId: string, claimId: string, caller: Caller): Promise<LeadRow> {
    return this.resolve(leadId, caller, 'convert', async (tx, lead) => {
      const [claim] = isUuid(claimId)
        ? ((await tx.query(`SELECT participant_id FROM claims.claim WHERE id = $1 AND ($2::text[] IS NULL OR region_code = ANY($2))`, [claimId, caller.scope.asSqlArray()])) as {
            participant_id: string;
          }[])
        : [];
      if (!claim) throw new DomainError('NOT_FOUND', `No claim with id ${claimId}.`, 'claimId');
      if (claim.participant_id !== lead.participant_id) {
        throw new DomainError('BAD_USER_INPUT', 'That claim is for another participant than the one whose death was reported.', 'claimId');
      }
      return [`status = 'CONVERTED', claim_id = $3`, [claimId]];
    });
  }

  /** Nobody is to be contacted (no heirs, a registry error, already paid elsewhere): the reason says why. */
  dismiss(leadId: string, reason: string, caller: Caller): Promise<LeadRow> {
    const why = reason.trim();
    if (!why) throw new DomainError('BAD_USER_INPUT', 'Say why the lead is dismissed (reason).', 'reason');
    return this.resolve(leadId, caller, 'dismiss', () => Promise.resolve([`status = 'DISMISSED', dismissed_reason = $3`, [why]]));
  }

  private resolve(
    leadId: string,
    caller: Caller,
    action: 'convert' | 'dismiss',
    change: (tx: Pick<DataSource, 'query'>, lead: LeadRow) => Promise<[string, unknown[]]>,
  ): Promise<LeadRow> {
    if (!isUuid(leadId)) throw new DomainError('NOT_FOUND', `No claim lead with id ${leadId}.`, 'leadId');
    return this.dataSource.transaction(async (tx) => {
      const [lead] = (await tx.query(`SELECT ${COLUMNS} FROM claims.claim_lead WHERE id = $1 AND ($2::text[] IS NULL OR region_code = ANY($2)) FOR UPDATE`, [
        leadId,
        caller.scope.asSqlArray(),
      ])) as LeadRow[];
      if (!lead) throw new DomainError('NOT_FOUND', `No claim lead with id ${leadId}.`, 'leadId');
      if (lead.status !== 'OPEN') throw new DomainError('INVALID_TRANSITION', `This lead is already ${lead.status.toLowerCase()}.`, 'leadId');
      const [setSql, params] = await change(tx, lead);
      const [[updated]] = (await tx.query(`UPDATE claims.claim_lead SET ${setSql}, resolved_at = now(), resolved_by = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [
        leadId,
        caller.identity.subject,
        ...params,
      ])) as [LeadRow[], number];
      await recordAudit(tx, 'claims', {
        actor: auditActorOf(caller),
        action: `claim.lead.${action}`,
        entityType: 'ClaimLead',
        entityId: leadId,
        regionCode: lead.region_code,
        before: { status: lead.status },
        after: { status: updated!.status, claimId: updated!.claim_id, reason: updated!.dismissed_reason },
      });
      return updated!;
    });
  }
}
