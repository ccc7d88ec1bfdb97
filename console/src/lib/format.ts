// Money, dates and instants the way an Indonesian office reads them. Pure: the locale and the time zone are arguments.

/** Rupiah amounts always read as in Indonesia: `Rp 42.000.000` (no decimals). */
export function formatRupiah(amount: string | bigint | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const value = typeof amount === 'bigint' ? amount : BigInt(amount);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '−' : ''}Rp ${digits}`;
}

const MONTHS: Record<'id' | 'en', string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

export type Language = 'id' | 'en';

/** A calendar date (YYYY-MM-DD, already the city's local date): `12 Feb 2026`. */
export function formatLocalDate(date: string | null | undefined, language: Language = 'id'): string {
  if (!date) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return `${Number(match[3])} ${MONTHS[language][Number(match[2]) - 1]} ${match[1]}`;
}

const ZONE_NAMES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** An instant shown in the city's time zone: `12 Feb 2026 14.05 WIT`. */
export function formatInstant(iso: string | null | undefined, timeZone = 'Asia/Jakarta', language: Language = 'id'): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const time = language === 'id' ? `${parts['hour']}.${parts['minute']}` : `${parts['hour']}:${parts['minute']}`;
  return `${formatLocalDate(`${parts['year']}-${parts['month']}-${parts['day']}`, language)} ${time} ${ZONE_NAMES[timeZone] ?? timeZone}`;
}

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Basis points as a percentage: 1234 → `12,34%` (id) or `12.34%` (en). */
export function formatPercent(basisPoints: number, language: Language = 'id'): string {
  const text = (basisPoints / 100).toFixed(basisPoints % 100 === 0 ? 0 : 2);
  return `${language === 'id' ? text.replace('.', ',') : text}%`;
}

/** Whole numbers with the language's grouping: 244.236 (id), 244,236 (en). */
export function formatCount(value: number, language: Language = 'id'): string {
  return value.toLocaleString(language === 'id' ? 'id-ID' : 'en-GB');
}
