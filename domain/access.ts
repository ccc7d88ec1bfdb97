// Who may act, and where: shared by the services (which check it) and the workflows (which
// carry it into their activities and the audit log).

/** The roles Lindung knows. Each user token names one or more. */
export const ROLES = ['partner', 'city_operator', 'caseworker', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Region codes ('18.72') a person may see and act on, or every city. */
export type CityScope = readonly string[] | 'ALL';

/** Who did something, carried into workflows so their decisions are attributed too. */
export interface Actor {
  subject: string;
  roles: Role[];
  cities: CityScope;
  /** The partner app or client the token was issued to. */
  clientId: string | null;
  requestId: string | null;
}

/** The actor recorded for steps the system takes on its own (a workflow, a schedule). */
export function systemActor(subject = 'system'): Actor {
  return { subject, roles: [], cities: 'ALL', clientId: null, requestId: null };
}
