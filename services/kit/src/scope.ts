import type { CityScope } from '../../../domain/access.js';

/**
 * What a person may see, by city (Kemendagri region code). Rows outside the scope are treated
 * as absent — not as forbidden — so a partner of one city cannot even learn that another city's
 * participant or claim exists.
 */
export class CityScopeFilter {
  constructor(readonly cities: CityScope) {}

  get all(): boolean {
    return this.cities === 'ALL';
  }

  allows(regionCode: string): boolean {
    return this.cities === 'ALL' || this.cities.includes(regionCode);
  }

  /** Keeps the visible rows, nulls the rest, in the order DataLoader asked for. */
  visible<T>(rows: (T | null)[], regionOf: (row: T) => string): (T | null)[] {
    return rows.map((row) => (row !== null && this.allows(regionOf(row)) ? row : null));
  }

  /** The cities as a SQL array parameter, or null for all: `($n::text[] IS NULL OR col = ANY($n))`. */
  asSqlArray(): string[] | null {
    return this.cities === 'ALL' ? null : [...this.cities];
  }

  /** A SQL condition for TypeORM query builders: `column = ANY(:scopeCities)` unless all cities. */
  where(column: string): { sql: string; params: Record<string, unknown> } {
    if (this.cities === 'ALL') return { sql: 'TRUE', params: {} };
    return { sql: `${column} = ANY(:scopeCities)`, params: { scopeCities: [...this.cities] } };
  }
}
