import { Context } from '@temporalio/activity';
import { Client, Connection, isRetryableError, makeGrpcRetryInterceptor, WorkflowExecutionAlreadyStartedError, type WorkflowStartOptions } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel, type WorkerOptions } from '@temporalio/worker';
import { DomainError } from '../../../domain/errors.js';
import { domainErrorFromFailure, failureFromDomainError } from '../../../workflows/contracts/failures.js';
import { domainErrorFromFault, sqlState } from './faults.js';

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

/**
 * A Temporal client for a service. Its calls retry an unreachable server for about 8 s (250 ms
 * doubling to 4 s, 6 attempts) instead of the SDK's ~20 s: within the mutation deadline, so a
 * Temporal outage is answered SERVICE_UNAVAILABLE in time, and a retry the deadline abandoned
 * (the SDK's retries outlive a cancelled call) does not go on for long. None after close().
 */
export async function connectClient(settings: TemporalSettings): Promise<{ client: Client; close(): Promise<void> }> {
  let closing = false;
  const retry = makeGrpcRetryInterceptor({
    delayFunction: (attempt) => Math.min(4_000, 250 * 2 ** (attempt - 1)) * (0.9 + Math.random() * 0.2),
    retryableDecider: (attempt, status) => !closing && attempt < 6 && isRetryableError(status),
  });
  const connection = await Connection.connect({ address: settings.address, interceptors: [retry] });
  return {
    client: new Client({ connection, namespace: settings.namespace }),
    async close() {
      closing = true;
      await connection.close();
    },
  };
}

/**
 * A service's activity worker on its own task queue. Activities are wrapped so that what no
 * retry can fix fails at once with its code instead of being retried forever (failFastOnDomainErrors).
 */
export async function startActivityWorker(options: { settings: TemporalSettings; taskQueue: string; activities: object }): Promise<RunningWorker> {
  return startWorker(options.settings, { taskQueue: options.taskQueue, activities: failFastOnDomainErrors(options.activities) });
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/** A Temporal worker on its own connection, running until stop() drains it. */
export async function startWorker(settings: TemporalSettings, options: Omit<WorkerOptions, 'connection' | 'namespace'>): Promise<RunningWorker> {
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

/**
 * Wraps activities so that errors no retry can fix fail at once, non-retryable, with a code the
 * caller understands: a broken rule (DomainError) with its own, and a value PostgreSQL refuses
 * (class 22, data exception: a NUL byte, a year 0000) or a database rule it breaks (class 23)
 * as BAD_USER_INPUT or CONFLICT. Otherwise such input would be retried as if it were an outage,
 * and the claim workflow would hold its lock meanwhile. Everything else (connection lost,
 * timeouts, our own bugs) stays retryable.
 */
export function failFastOnDomainErrors(activities: object): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const wrapped: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(activities) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        if (error instanceof DomainError) throw failureFromDomainError(error);
        const refusal = domainErrorFromFault(error);
        if (refusal) {
          console.error(`activity ${name} refused by the database, not retried: SQLSTATE ${sqlState(error)}`);
          throw failureFromDomainError(refusal);
        }
        throw error;
      }
    };
  }
  return wrapped;
}

/**
 * Starts a workflow whose id names the one thing it is for (a claim's scholarship, an MoU, a
 * webhook delivery): a start that finds it running or already done (a retried activity, a second
 * caller) is no error, since that workflow is the one wanted.
 */
export async function startWorkflowOnce<W extends Workflow>(client: Client, workflowType: string, options: WorkflowStartOptions<W>): Promise<void> {
  try {
    await client.workflow.start<W>(workflowType, options);
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** Re-throws a Temporal failure as the rule violation it carries (same code, message, field), or as it is. */
export function rethrowAsDomainError(error: unknown): never {
  throw domainErrorFromFailure(error) ?? error;
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

/**
 * Runs an activity's work and, once it has failed `fromAttempt` times in a row, says so loudly in
 * the log (`ALERT …`, with the attempt and the reason) on every further failure: for activities
 * retried without limit, such as payouts, this is where a long outage becomes visible.
 */
export async function alertOnRepeatedFailure<T>(what: string, work: () => Promise<T>, fromAttempt = 5): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const attempt = currentAttempt();
    if (attempt >= fromAttempt) console.error(`ALERT ${what} failed ${attempt} times in a row; still retrying: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

function currentAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1; // not inside an activity (a direct call from a test)
  }
}
