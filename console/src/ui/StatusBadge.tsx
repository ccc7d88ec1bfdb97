import { Badge } from '@mantine/core';
import { useLang } from '../i18n';

const COLORS: Record<string, string> = {
  ACTIVE: 'green',
  PAID: 'green',
  RENEWED: 'teal',
  SIGNED: 'teal',
  APPROVED: 'teal',
  RENEWAL_DUE: 'orange',
  AWAITING_APPROVAL: 'orange',
  AWAITING_VERIFICATION: 'yellow',
  AWAITING_SIGNATURES: 'yellow',
  SUBMITTED: 'yellow',
  EXPIRED: 'gray',
  DRAFT: 'gray',
  INACTIVE: 'gray',
  TERMINATED: 'red',
  REJECTED: 'red',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useLang();
  // Dark text on light badges keeps the contrast axe asks for.
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light" autoContrast styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
