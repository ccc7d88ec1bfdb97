import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel, type WorkerOptions } from '@temporalio/worker';
import { DomainError, type DomainErrorCode } from '../../../domain/errors.js';

export interface TemporalSettings {
  address: string;
  namespace: string;
}

export function temporalSettingsFromEnv(): TemporalSettings {
  return {
    address: process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7244',
    namespace: process.env['TEMPORAL_NAMESPACE'] ?? 'default',
  };
}

export async function connectClient(settings: TemporalSettings): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address: settings.address });
  return { client: new Client({ connection, namespace: settings.namespace }), close: () => connection.close() };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ActivityFn = (...args: any[]) => Promise<unknown>;

/**
 * A service's activity worker on its own task queue. Activities are wrapped so that a rule
 * violation (DomainError) fails at once with its code instead of being retried forever.
 */
export async function startActivityWorker(options: {
  settings: TemporalSettings;
  taskQueue: string;
  activities: Record<string, ActivityFn>;
}): Promise<RunningWorker> {
  return startWorker(options.settings, { taskQueue: options.taskQueue, activities: failFastOnDomainErrors(options.activities) });
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/** A Temporal worker on its own connection, running until stop() drains it. */
export async function startWorker(
  settings: TemporalSettings,
  options: Omit<WorkerOptions, 'connection' | 'namespace'>,
): Promise<RunningWorker> {
  configureTemporalRuntime();
  const connection = await NativeConnection.connect({ address: settings.address });
  const worker = await Worker.create({ ...options, connection, namespace: settings.namespace });
  const running = worker.run();
  return {
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

export function failFastOnDomainErrors<T extends Record<string, ActivityFn>>(activities: T): T {
  const wrapped: Record<string, ActivityFn> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        if (error instanceof DomainError) {
          throw ApplicationFailure.create({ message: error.message, type: error.code, nonRetryable: true, details: [{ field: error.field ?? null }] });
        }
        throw error;
      }
    };
  }
  return wrapped as T;
}

const DOMAIN_CODES: readonly DomainErrorCode[] = [
  'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'NOT_ELIGIBLE', 'QUOTA_EXCEEDED', 'INVALID_TRANSITION', 'FOUR_EYES',
];

/**
 * Finds the rule violation inside a Temporal failure chain (update rejected by a validator,
 * workflow failed by an activity), so callers see the same coded error the rule raised.
 */
export function domainErrorFromTemporal(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    if (current instanceof ApplicationFailure && DOMAIN_CODES.includes(current.type as DomainErrorCode)) {
      const details = current.details?.[0] as { field?: string | null } | undefined;
      return new DomainError(current.type as DomainErrorCode, current.message, details?.field ?? undefined);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Re-throws a Temporal failure as the DomainError it carries, or as it is. */
export function rethrowAsDomainError(error: unknown): never {
  throw domainErrorFromTemporal(error) ?? error;
}

let runtimeConfigured = false;

/** Temporal's worker runtime logs every poll at INFO; keep warnings and errors only. */
export function configureTemporalRuntime(): void {
  if (runtimeConfigured) return;
  runtimeConfigured = true;
  try {
    Runtime.install({ logger: new DefaultLogger((process.env['TEMPORAL_LOG_LEVEL'] as LogLevel | undefined) ?? 'ERROR') });
  } catch {
    // already installed by an earlier worker in this process
  }
}
