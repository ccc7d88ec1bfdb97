import { Badge, Stack, Text } from '@mantine/core';
import { useQuery } from 'urql';
import { ConsoleClaimHolidaysDocument } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { formatLocalDate } from '../../lib/format';
import { currentClock, RISK_COLOURS, slaCountdown, type SlaClockView } from './slaCountdown';

/** The days off of this year and the next (national, plus the city's when one is named), for counting working days. */
export function useHolidays(regionCode: string | null): ReadonlySet<string> {
  const year = new Date().getFullYear();
  const [thisYear] = useQuery({ query: ConsoleClaimHolidaysDocument, variables: { year, regionCode } });
  const [nextYear] = useQuery({ query: ConsoleClaimHolidaysDocument, variables: { year: year + 1, regionCode } });
  return new Set([...(thisYear.data?.claimHolidays ?? []), ...(nextYear.data?.claimHolidays ?? [])].map((h) => h.day));
}

/** Working days (or hours, on the due day) left on a claim's service-level clock, coloured by the API's risk. */
export function SlaBadge({ clocks, timeZone, holidays }: { clocks: readonly SlaClockView[]; timeZone: string; holidays: ReadonlySet<string> }) {
  const { t, lang } = useLang();
  const clock = currentClock(clocks);
  if (!clock) return <span>{t('sla.notStarted')}</span>;
  const countdown = slaCountdown(clock, new Date(), timeZone, holidays);
  const text =
    countdown.kind === 'met'
      ? t(countdown.onTime ? 'sla.metOnTime' : 'sla.metLate', { date: formatLocalDate(countdown.metOn, lang) })
      : countdown.kind === 'overdue'
        ? t('sla.overdue', { count: countdown.workingDays })
        : countdown.kind === 'hoursLeft'
          ? t('sla.hoursLeft', { count: countdown.hours })
          : t('sla.daysLeft', { count: countdown.workingDays });
  const due = countdown.kind === 'met' ? '' : t('sla.due', { date: formatLocalDate(countdown.dueOn, lang) });
  const breached = clock.risk === 'BREACHED';
  // Red filled for a breach, light with dark text otherwise: both keep the contrast axe asks for.
  return (
    <Stack gap={0} align="flex-start">
      <Badge
        color={breached ? 'red.9' : RISK_COLOURS[clock.risk]}
        variant={breached ? 'filled' : 'light'}
        styles={breached ? undefined : { label: { color: 'var(--mantine-color-dark-7)' } }}
        data-risk={clock.risk}
        data-testid="sla"
        title={`${t(`sla.steps.${clock.step}`, { defaultValue: clock.step })} · ${t(`sla.risk.${clock.risk}`)}`}
      >
        {text}
      </Badge>
      {due ? (
        <Text size="xs" c="dimmed">
          {due}
        </Text>
      ) : null}
    </Stack>
  );
}
