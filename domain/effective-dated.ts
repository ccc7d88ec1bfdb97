import { addDays, compareLocalDates, type LocalDate } from './calendar.js';

// Rules that change by regulation are rows with an effective period; the row in force on the
// relevant date (incident, billing month) applies. validTo is inclusive; absent = still in force.
export type EffectiveDated = { validFrom: LocalDate; validTo?: LocalDate };

export function tableInForce<T extends EffectiveDated>(tables: readonly T[], date: LocalDate): T | undefined {
  return tables.find((t) => compareLocalDates(t.validFrom, date) <= 0 && (t.validTo === undefined || compareLocalDates(date, t.validTo) <= 0));
}

/**
 * Problems with a list of tables meant to follow one another without gaps or overlaps
 * (sorted by validFrom, each starting the day after the previous one ends). Empty when sound.
 */
export function effectiveTableProblems(tables: readonly EffectiveDated[]): string[] {
  const problems: string[] = [];
  tables.forEach((t, i) => {
    if (t.validTo !== undefined && compareLocalDates(t.validTo, t.validFrom) < 0) {
      problems.push(`Table ${i + 1} ends (${t.validTo}) before it starts (${t.validFrom}).`);
    }
    const next = tables[i + 1];
    if (!next) return;
    if (t.validTo === undefined) {
      problems.push(`Table ${i + 1} has no end date but table ${i + 2} follows it.`);
    } else if (addDays(t.validTo, 1) !== next.validFrom) {
      problems.push(`Table ${i + 2} should start on ${addDays(t.validTo, 1)}, the day after table ${i + 1} ends; it starts on ${next.validFrom}.`);
    }
  });
  return problems;
}
