// The signed-in person, as their token says. The console only reads the token to decide what to show;
// the gateway checks it on every request, so the console never holds more rights than the token.
export const ROLES = ['partner', 'city_operator', 'caseworker', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Session {
  token: string;
  subject: string;
  roles: Role[];
  /** Region codes, or 'ALL'. */
  cities: string[] | 'ALL';
  expiresAt: number;
  /** How the token was obtained. */
  via: 'dev' | 'oidc';
}

const KEY = 'lindung.session';

/** Reads the claims of a JWT without verifying it (the gateway verifies); null when it is not one of ours. */
export function sessionFromToken(token: string, via: Session['via']): Session | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const roles = Array.isArray(claims['roles']) ? (claims['roles'] as unknown[]).filter((r): r is Role => (ROLES as readonly unknown[]).includes(r)) : [];
    const rawCities = claims['cities'];
    const cities =
      rawCities === 'ALL' || (Array.isArray(rawCities) && rawCities[0] === '*')
        ? 'ALL'
        : Array.isArray(rawCities)
          ? rawCities.filter((c): c is string => typeof c === 'string')
          : [];
    const subject = typeof claims['sub'] === 'string' ? claims['sub'] : '';
    const exp = typeof claims['exp'] === 'number' ? claims['exp'] * 1000 : 0;
    if (!subject || roles.length === 0 || exp === 0) return null;
    return { token, subject, roles, cities, expiresAt: exp, via };
  } catch {
    return null;
  }
}

export function loadSession(now = Date.now()): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  const saved = JSON.parse(raw) as Session;
  return saved.expiresAt > now ? saved : null;
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

export function hasAnyRole(session: Session | null, roles: readonly Role[]): boolean {
  return !!session && session.roles.some((role) => roles.includes(role));
}
