import type { DataSource } from 'typeorm';
import type { LocalDate } from '../../../../domain/calendar.js';
import type { OccupationGroup } from '../../../../domain/participants/occupation.js';
import { isUuid } from '../../../kit/src/ids.js';

export interface GroupFigures {
  occupationGroup: OccupationGroup;
  active: number;
  inactive: number;
}

export interface CityFigures {
  asOf: LocalDate;
  active: number;
  inactive: number;
  informalWorkforce: number | null;
  /** Active ÷ informal workforce × 100, two decimals; null while the workforce is unknown. */
  coveragePercent: number | null;
  byGroup: GroupFigures[];
}

/** Coverage % as DOMAIN.md defines it: active participants ÷ informal workforce × 100, to two decimals. */
export function coveragePercent(active: number, workforce: number | null): number | null {
  if (workforce === null || workforce <= 0) return null;
  return Math.round((active * 10_000) / workforce) / 100;
}

/**
 * Participants per city and group on a day, from enrolment history: an enrolment counts when its
 * coverage spans the day, as ACTIVE or INACTIVE by its standing period that day. Later enrolments
 * start later and endings keep their last covered day, so a past day's figures stay as they were.
 */
export class CoverageFigures {
  constructor(private readonly dataSource: DataSource) {}

  async byCity(cities: readonly { municipalityId: string; informalWorkforce: number | null }[], asOf: LocalDate): Promise<CityFigures[]> {
    const ids = cities.map((c) => c.municipalityId).filter(isUuid);
    const rows = (await this.dataSource.query(
      `SELECT e.municipality_id, e.occupation_group,
              count(*) FILTER (WHERE COALESCE(st.status, 'ACTIVE') = 'ACTIVE')::int AS active,
              count(*) FILTER (WHERE st.status = 'INACTIVE')::int AS inactive
         FROM participants.enrolment e
         LEFT JOIN LATERAL (SELECT s.status FROM participants.enrolment_status_period s
                             WHERE s.enrolment_id = e.id AND s.valid_from <= $2::date ORDER BY s.valid_from DESC LIMIT 1) st ON true
        WHERE e.municipality_id = ANY($1::uuid[]) AND e.coverage_from <= $2::date AND e.coverage_to >= $2::date
        GROUP BY 1, 2 ORDER BY 2`,
      [ids, asOf],
    )) as { municipality_id: string; occupation_group: OccupationGroup; active: number; inactive: number }[];
    return cities.map((city) => {
      const byGroup = rows.filter((r) => r.municipality_id === city.municipalityId).map((r) => ({ occupationGroup: r.occupation_group, active: r.active, inactive: r.inactive }));
      const active = byGroup.reduce((n, g) => n + g.active, 0);
      return {
        asOf,
        active,
        inactive: byGroup.reduce((n, g) => n + g.inactive, 0),
        informalWorkforce: city.informalWorkforce,
        coveragePercent: coveragePercent(active, city.informalWorkforce),
        byGroup,
      };
    });
  }
}
