import type { OidcSettings } from '../auth/oidc';

/** What the gateway tells the console at /console/config.json. */
export interface ConsoleConfig {
  devSignIn: boolean;
  oidc: OidcSettings | null;
  /** Rupiah above which a claim needs a supervisor (LINDUNG_SUPERVISOR_THRESHOLD). */
  supervisorThreshold: string;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json');
  if (!response.ok) throw new Error(`config: ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}

export async function requestDevToken(role: string, cities: string[] | 'ALL', name: string): Promise<string> {
  const response = await fetch('/console/dev-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, cities, name }) });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `dev-token: ${response.status}`);
  return body.token;
}
