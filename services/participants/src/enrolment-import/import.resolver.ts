import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Role } from '../../../../domain/access.js';
import type { Verdict } from '../../../../domain/participants/import-issues.js';
import { maskNik } from '../../../../domain/nik.js';
import type { RequestContext } from '../../../kit/src/context.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import type { CivilRegistry } from '../registry/civil-registry.js';
import type { ImportService, ImportSummary, StagedRow } from './import.service.js';
import { EnrolmentImport, ImportRow, ImportVerdictEnum, ReviewImportRowInput } from './import.type.js';

/** Roles that see whole NIKs in the review queue; others (admins working across cities) see them masked. */
const SEES_FULL_NIK: readonly Role[] = ['city_operator'];

@Resolver()
export class ImportResolver {
  constructor(
    private readonly imports: ImportService,
    private readonly registry: CivilRegistry,
    private readonly cipher: FieldCipher,
  ) {}

  @Authorized('city_operator', 'admin', 'manager')
  @Query(() => EnrolmentImport, { nullable: true, description: 'A bulk import’s progress and counts (null outside your cities).' })
  async enrolmentImport(@Arg('batchId', () => ID) batchId: string, @Ctx() ctx: RequestContext): Promise<EnrolmentImport | null> {
    const found = await this.imports.find(batchId, ctx);
    return found ? importView(found) : null;
  }

  @Authorized('city_operator', 'admin')
  @Query(() => [ImportRow], { description: 'Rows of an import by verdict (NEEDS_REVIEW: the review queue), in row order; `after` a row number.' })
  async enrolmentImportRows(
    @Arg('batchId', () => ID) batchId: string,
    @Arg('verdict', () => ImportVerdictEnum, { nullable: true }) verdict: Verdict | null,
    @Arg('after', () => Int, { nullable: true }) after: number | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportRow[]> {
    const rows = await this.imports.rows(batchId, ctx, { first, ...(verdict ? { verdict } : {}), ...(after ? { after } : {}) });
    return Promise.all(rows.map((row) => this.view(row, ctx)));
  }

  @Authorized('city_operator', 'admin')
  @Mutation(() => ImportRow, { description: 'Decides a row held for review (audited); accepted rows are then enrolled.' })
  async reviewImportRow(@Arg('input', () => ReviewImportRowInput) input: ReviewImportRowInput, @Ctx() ctx: RequestContext): Promise<ImportRow> {
    return this.view(await this.imports.review(input, ctx, (nikIndex) => this.registry.record(nikIndex)), ctx);
  }

  @Authorized('city_operator', 'admin')
  @Mutation(() => EnrolmentImport, { description: 'Stops an import: every row is then either fully enrolled or not at all, as its report says.' })
  async cancelEnrolmentImport(@Arg('batchId', () => ID) batchId: string, @Ctx() ctx: RequestContext): Promise<EnrolmentImport> {
    return importView(await this.imports.cancel(batchId, ctx));
  }

  private async view(row: StagedRow, ctx: RequestContext): Promise<ImportRow> {
    const full = ctx.identity.roles.some((role) => SEES_FULL_NIK.includes(role));
    const show = (nik: string | null) => (nik === null ? null : full ? nik : maskNik(nik));
    const record = row.registryNikIndex && row.verdict === 'NEEDS_REVIEW' ? await this.registry.record(row.registryNikIndex) : null;
    const score = row.registryScore as { score?: number; nikMatches?: boolean } | null;
    return {
      rowNumber: row.rowNumber,
      verdict: row.verdict,
      activated: row.activated,
      nik: show(this.imports.nikOf(row)),
      fullName: row.fullName,
      birthDate: row.birthDate,
      motherMaidenName: row.motherMaidenName,
      occupationGroup: row.occupationGroup,
      issues: row.issues,
      candidate: record
        ? {
            nik: show(this.cipher.decrypt(record.nikCiphertext))!,
            fullName: record.fullName,
            birthDate: record.birthDate,
            sex: record.sex,
            motherMaidenName: record.motherMaidenName,
            regionCode: record.regionCode,
            nikMatches: score?.nikMatches ?? false,
            score: score?.score ?? 0,
          }
        : null,
    };
  }
}

export function importView(summary: ImportSummary): EnrolmentImport {
  return { ...summary, reused: summary.reused ?? false, reportPath: `/imports/enrolment/${summary.batchId}/report.csv` };
}
