import type { EntityManager } from 'typeorm';
import type { EndReason, EnrolmentHistory, EnrolmentStatus, Standing } from '../../../../domain/participants/enrolment-status.js';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import type { Program } from '../../../../domain/programs.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { CityScopeFilter } from '../../../kit/src/scope.js';

export type EnrolmentFacts = EnrolmentHistory & {
  personId: string;
  mouId: string;
  municipalityId: string;
  regionCode: string;
  occupationGroup: OccupationGroup;
  programs: Program[];
  declaredMonthlyIncome: string;
  monthlyContribution: string;
  kpjNumber: string | null;
  dateOfDeath: string | null;
};

/**
 * Every enrolment of the person behind a participant (enrolment) id, with its standing periods,
 * as the caller may see them: the participant itself outside their cities means nothing is
 * found, and the person's enrolments in other cities are left out.
 */
export async function personHistory(db: Pick<EntityManager, 'query'>, participantId: string, scope: CityScopeFilter): Promise<EnrolmentFacts[]> {
  if (!isUuid(participantId)) return [];
  const cities = scope.asSqlArray();
  const rows = (await db.query(
    `SELECT e.id, e.person_id, e.mou_id, e.municipality_id, e.region_code, e.occupation_group, e.programs, e.status, e.end_reason,
            e.coverage_from::text AS coverage_from, e.coverage_to::text AS coverage_to,
            e.declared_monthly_income::text AS income, e.monthly_contribution::text AS contribution, p.kpj_number, p.date_of_death::text AS date_of_death,
            COALESCE((SELECT json_agg(json_build_object('status', s.status, 'from', s.valid_from, 'to', s.valid_to) ORDER BY s.valid_from)
                        FROM participants.enrolment_status_period s WHERE s.enrolment_id = e.id), '[]') AS periods
       FROM participants.enrolment asked
       JOIN participants.enrolment e ON e.person_id = asked.person_id
       JOIN participants.person p ON p.id = e.person_id
      WHERE asked.id = $1 AND ($2::text[] IS NULL OR (asked.region_code = ANY($2) AND e.region_code = ANY($2)))
      ORDER BY e.coverage_from, e.id`,
    [participantId, cities],
  )) as {
    id: string;
    person_id: string;
    mou_id: string;
    municipality_id: string;
    region_code: string;
    occupation_group: OccupationGroup;
    programs: Program[];
    status: EnrolmentStatus;
    end_reason: EndReason | null;
    coverage_from: string;
    coverage_to: string;
    income: string;
    contribution: string;
    kpj_number: string | null;
    date_of_death: string | null;
    periods: { status: Standing; from: string; to: string | null }[];
  }[];
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    mouId: r.mou_id,
    municipalityId: r.municipality_id,
    regionCode: r.region_code,
    occupationGroup: r.occupation_group,
    programs: r.programs,
    status: r.status,
    endReason: r.end_reason,
    coverageFrom: r.coverage_from,
    coverageTo: r.coverage_to,
    declaredMonthlyIncome: r.income,
    monthlyContribution: r.contribution,
    kpjNumber: r.kpj_number,
    dateOfDeath: r.date_of_death,
    periods: r.periods,
  }));
}
