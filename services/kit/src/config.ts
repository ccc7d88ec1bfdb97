import { taskQueueNames, type TaskQueues } from '../../../workflows/contracts/task-queues.js';

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

/** The task queues of this deployment (LINDUNG_TASK_QUEUE_SUFFIX lets several share one Temporal server). */
export function taskQueues(suffix = process.env['LINDUNG_TASK_QUEUE_SUFFIX'] ?? ''): TaskQueues {
  return taskQueueNames(suffix);
}

/** Loopback by default: only the gateway should face the network. Containers set 0.0.0.0. */
export function bindHost(): string {
  return env('LINDUNG_BIND_HOST', '127.0.0.1');
}
