import type { DataSource } from 'typeorm';
import { parseLocalDate } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';

export type HolidayRow = { day: string; regionCode: string; name: string; kind: string };

/**
 * The working-day calendar the SLA clocks count on: national days ('*') and a city's own,
 * seeded per year from the decree and corrected here. Clocks already started keep their dates.
 */
export class HolidayService {
  constructor(private readonly dataSource: DataSource) {}

  async list(year: number, regionCode: string | null): Promise<HolidayRow[]> {
    if (!Number.isInteger(year) || year < 2015 || year > 2100) throw new DomainError('BAD_USER_INPUT', `year must be between 2015 and 2100; got ${year}.`, 'year');
    return (await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, region_code AS "regionCode", name, kind FROM claims.holiday
        WHERE extract(year FROM day) = $1 AND region_code IN ('*', coalesce($2, '*')) ORDER BY day, region_code`,
      [year, regionCode],
    )) as HolidayRow[];
  }

  async set(input: { day: string; name: string; kind: string; regionCode: string | null; remove: boolean }, caller: Caller): Promise<HolidayRow[]> {
    const day = parseLocalDate(input.day, 'day');
    if (!['PUBLIC_HOLIDAY', 'COLLECTIVE_LEAVE'].includes(input.kind)) throw new DomainError('BAD_USER_INPUT', 'kind must be PUBLIC_HOLIDAY or COLLECTIVE_LEAVE.', 'kind');
    const region = input.regionCode?.trim() || '*';
    if (region !== '*' && !caller.scope.allows(region)) throw new DomainError('NOT_FOUND', `No city with region code ${region}.`, 'regionCode');
    if (region === '*' && !caller.identity.roles.includes('admin'))
      throw new DomainError('FORBIDDEN', 'Only administrators change national holidays; give your city’s regionCode.', 'regionCode');
    if (!input.remove && !input.name.trim()) throw new DomainError('BAD_USER_INPUT', 'Name the holiday.', 'name');
    await this.dataSource.transaction(async (tx) => {
      if (input.remove) await tx.query(`DELETE FROM claims.holiday WHERE day = $1 AND region_code = $2`, [day, region]);
      else {
        await tx.query(`INSERT INTO claims.holiday (day, region_code, name, kind) VALUES ($1, $2, $3, $4) ON CONFLICT (day, region_code) DO UPDATE SET name = $3, kind = $4`, [
          day,
          region,
          input.name.trim(),
          input.kind,
        ]);
      }
      await recordAudit(tx, 'claims', {
        actor: auditActorOf(caller),
        action: input.remove ? 'holiday.remove' : 'holiday.set',
        entityType: 'Holiday',
        entityId: `${day}/${region}`,
        regionCode: region === '*' ? null : region,
        before: null,
        after: input.remove ? null : { day, name: input.name.trim(), kind: input.kind },
      });
    });
    return this.list(Number(day.slice(0, 4)), region === '*' ? null : region);
  }
}
