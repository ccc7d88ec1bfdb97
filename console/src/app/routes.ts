import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../auth/session';

/**
 * Every page of the console: its path, its menu label (a key in i18n/*.ts, `nav.*`) and the roles
 * that may open it. A new feature adds one entry here and its folder under features/; the menu and
 * the role guard follow. The roles mirror the API's permissions (README "Who may see and do what"):
 * the API refuses anyway, this only keeps people from pages that would only show refusals.
 */
export interface PageRoute {
  path: string;
  nav: string;
  roles: readonly Role[];
  /** Shown in the menu (detail pages such as a claim are reached from their list). */
  inMenu: boolean;
  page: LazyExoticComponent<ComponentType>;
}

const MANAGERS: Role[] = ['manager', 'admin'];
const CASEWORKERS: Role[] = ['caseworker', 'supervisor'];

export const ROUTES: readonly PageRoute[] = [
  { path: 'mous', nav: 'nav.mous', roles: MANAGERS, inMenu: true, page: lazy(() => import('../features/mous/MousPage')) },
  { path: 'budget', nav: 'nav.budget', roles: MANAGERS, inMenu: true, page: lazy(() => import('../features/budget/BudgetPage')) },
  { path: 'coverage', nav: 'nav.coverage', roles: MANAGERS, inMenu: true, page: lazy(() => import('../features/coverage/CoveragePage')) },
  { path: 'kpis', nav: 'kpis.nav', roles: MANAGERS, inMenu: true, page: lazy(() => import('../features/kpis/KpisPage')) },
  { path: 'billing', nav: 'billing.nav', roles: MANAGERS, inMenu: true, page: lazy(() => import('../features/billing/BillingPage')) },
  { path: 'notifications', nav: 'nav.notifications', roles: [...MANAGERS, 'city_operator'], inMenu: true, page: lazy(() => import('../features/notifications/NotificationsPage')) },
  { path: 'claims', nav: 'nav.claims', roles: CASEWORKERS, inMenu: true, page: lazy(() => import('../features/claims/ClaimsPage')) },
  { path: 'claims/:id', nav: 'nav.claims', roles: CASEWORKERS, inMenu: false, page: lazy(() => import('../features/claims/ClaimPage')) },
  { path: 'participants', nav: 'nav.participants', roles: ['city_operator', 'admin'], inMenu: true, page: lazy(() => import('../features/participants/ParticipantsPage')) },
  { path: 'imports', nav: 'imports.nav', roles: ['city_operator', 'admin'], inMenu: true, page: lazy(() => import('../features/imports/ImportsPage')) },
  { path: 'audit', nav: 'nav.audit', roles: MANAGERS, inMenu: true, page: lazy(() => import('../features/audit/AuditPage')) },
];

/** The first page a role sees after signing in. */
export function homeFor(roles: readonly Role[]): string | null {
  return ROUTES.find((route) => route.inMenu && route.roles.some((role) => roles.includes(role)))?.path ?? null;
}
