import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../../domain/errors.js';
import { mouNumber } from '../../../../domain/mou/mou-status.js';
import { defaultMonthlyContribution, type BudgetLine, type GroupTerms, type TermsVersion } from '../../../../domain/mou/mou-terms.js';
import type { Program } from '../../../../domain/programs.js';
import type { MunicipalityEntity } from '../municipality/municipality.entity.js';
import { MouEntity } from './mou.entity.js';
import type { BudgetLineInput, GroupTermsInput } from './mou.inputs.js';
import { insertTermsVersion } from './mou.terms.js';

// From input to a recorded DRAFT: text and terms as the API takes them, and the insert that
// numbers the MoU (used for new MoUs and for successors drafted by a renewal).

const MAX_TEXT = 300;

export function text(value: string, field: string, what: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new DomainError('BAD_USER_INPUT', `Fill in ${what}.`, field);
  if (trimmed.length > MAX_TEXT) throw new DomainError('BAD_USER_INPUT', `${what} is longer than ${MAX_TEXT} characters.`, field);
  return trimmed;
}

/** Group and budget input as terms; a group without a rate pays the BPU package for the programs. */
export function groupsFrom(input: readonly GroupTermsInput[], programs: readonly Program[], jht: boolean, on: string): GroupTerms[] {
  return input.map((g) => ({ group: g.group, quota: g.quota, monthlyContribution: g.monthlyContribution ?? defaultMonthlyContribution(programs, jht, on) }));
}

export function linesFrom(input: readonly BudgetLineInput[]): BudgetLine[] {
  return input.map((b) => ({ fiscalYear: b.fiscalYear, amount: b.amount, apbdReference: b.apbdReference?.trim() || null }));
}

/** Inserts a DRAFT MoU and its version-1 terms in the caller's transaction (also used for successors). */
export async function insertMou(
  tx: EntityManager,
  city: MunicipalityEntity,
  parties: {
    citySignatory: string;
    bpjsOffice: string;
    bpjsSignatory: string;
    reminderOffsetsDays: number[];
    escalationDaysBefore: number;
    predecessorId: string | null;
    createdBy: string;
  },
  terms: TermsVersion,
  id: string = randomUUID(),
): Promise<MouEntity> {
  const year = Number(terms.validFrom.slice(0, 4));
  const [sequence] = (await tx.query(
    `INSERT INTO municipalities.mou_number_sequence (region_code, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (region_code, year) DO UPDATE SET last_value = mou_number_sequence.last_value + 1
     RETURNING last_value`,
    [city.code, year],
  )) as { last_value: number }[];
  const repository = tx.getRepository(MouEntity);
  await repository.insert({
    id,
    number: mouNumber(city.code, year, sequence!.last_value),
    municipalityId: city.id,
    regionCode: city.code,
    ...parties,
    validFrom: terms.validFrom,
    validTo: terms.validTo,
    status: 'DRAFT',
    programs: [...terms.programs],
    jht: terms.jht,
    placesUsed: 0,
    termsVersion: 1,
    terminationReason: null,
    endedOn: null,
    activatedBy: null,
    activatedAt: null,
  });
  await insertTermsVersion(tx, id, terms, parties.createdBy, null);
  return await repository.findOneByOrFail({ id });
}
