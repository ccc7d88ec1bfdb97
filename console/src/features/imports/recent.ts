// The API lists no imports (an import is found by its batch id), so this browser remembers the
// person's last uploads; the API still decides whether they may see each one.
const KEY = 'lindung.imports';
const KEEP = 8;

export interface RecentImport {
  batchId: string;
  at: string;
}

export function recentImports(subject: string): RecentImport[] {
  try {
    const all = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, RecentImport[]>;
    return Array.isArray(all[subject]) ? all[subject] : [];
  } catch {
    return [];
  }
}

export function rememberImport(subject: string, entry: RecentImport): void {
  const all = (() => {
    try {
      return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, RecentImport[]>;
    } catch {
      return {};
    }
  })();
  all[subject] = [entry, ...recentImports(subject).filter((r) => r.batchId !== entry.batchId)].slice(0, KEEP);
  localStorage.setItem(KEY, JSON.stringify(all));
}
