/** Reads configuration from the environment, with the embedded defaults the launcher uses. */
export function env(name: string, fallback?: string): string {
  const value = process.env[name];
  if (value !== undefined && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new Error(`Missing configuration: set the environment variable ${name}.`);
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`Configuration ${name} must be a whole number; got "${raw}".`);
  return value;
}

/**
 * Task queue names. Each service's activities run on their own queue; a suffix lets tests
 * run isolated copies of the whole system against one Temporal server.
 */
export interface TaskQueues {
  municipalities: string;
  participants: string;
  claims: string;
  lifecycle: string;
}

export function taskQueues(suffix = process.env['LINDUNG_TASK_QUEUE_SUFFIX'] ?? ''): TaskQueues {
  const name = (base: string) => (suffix ? `${base}-${suffix}` : base);
  return {
    municipalities: name('municipalities'),
    participants: name('participants'),
    claims: name('claims'),
    lifecycle: name('lifecycle'),
  };
}

/** Loopback by default: only the gateway should face the network. Containers set 0.0.0.0. */
export function bindHost(): string {
  return env('LINDUNG_BIND_HOST', '127.0.0.1');
}
