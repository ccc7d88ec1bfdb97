import { createContext, useContext } from 'react';
import type { ConsoleConfig } from '../api/config';
import type { Session } from './session';

export const SessionContext = createContext<{ session: Session; config: ConsoleConfig } | null>(null);

/** The signed-in person and the gateway's console settings (inside the signed-in shell only). */
export function useSession(): { session: Session; config: ConsoleConfig } {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside the signed-in shell');
  return value;
}
