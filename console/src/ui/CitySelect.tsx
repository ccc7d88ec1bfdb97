import { Select } from '@mantine/core';
import { useQuery } from 'urql';
import { ConsoleCitiesDocument } from '../gql/graphql';
import { useLang } from '../i18n';

export interface City {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

/** The cities the token may see (the API filters them), as a select; `allowAll` adds "All cities". */
export function CitySelect({ value, onChange, allowAll = false }: { value: string | null; onChange: (city: City | null) => void; allowAll?: boolean }) {
  const { t } = useLang();
  const [{ data }] = useQuery({ query: ConsoleCitiesDocument });
  const cities = data?.municipalities ?? [];
  const options = [...(allowAll ? [{ value: '', label: t('common.allCities') }] : []), ...cities.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))];
  return (
    <Select
      label={t('common.city')}
      data={options}
      value={value ?? ''}
      onChange={(code) => onChange(cities.find((c) => c.code === code) ?? null)}
      allowDeselect={false}
      w={260}
      searchable
    />
  );
}
