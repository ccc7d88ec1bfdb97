import type { Client } from '@temporalio/client';
import type { MiddlewareFn } from 'type-graphql';
import { DomainError, type ErrorDetails } from '../../../domain/errors.js';
import { envInt } from './config.js';
import { RETRY_AFTER_SECONDS, serviceUnavailable } from './faults.js';

/** LINDUNG_MUTATION_DEADLINE_MS (10 s): how long a mutation waits for its workflow before answering anyway. */
export function mutationDeadlineMs(): number {
  return envInt('LINDUNG_MUTATION_DEADLINE_MS', 10_000);
}

/** How long we give Temporal to say whether it is there at all, once the deadline has passed. */
const PROBE_MS = 2_000;

export type Outcome<T> = { finished: true; value: T } | { finished: false };

/**
 * Runs Temporal calls until `deadline` (epoch ms): their outcome, or `finished: false` if they
 * were still waiting then (the calls are cancelled, the work they started goes on). Failures
 * before the deadline are thrown as they are.
 */
export async function untilDeadline<T>(client: Client, deadline: number, work: () => Promise<T>): Promise<Outcome<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(
      () => {
        controller.abort();
        resolve({ finished: false });
      },
      Math.max(0, deadline - Date.now()),
    );
  });
  const attempt = client.withAbortSignal(controller.signal, work).then(
    (value): Outcome<T> => ({ finished: true, value }),
    (error: unknown): Outcome<T> => {
      if (controller.signal.aborted) return { finished: false };
      throw error;
    },
  );
  try {
    return await Promise.race([attempt, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Once the deadline has passed: is Temporal there (so the work waits for a worker, and will be
 * done), or is it the engine itself that does not answer? Asks about one workflow, briefly.
 */
export async function workflowEngineAnswers(client: Client, workflowId: string): Promise<boolean> {
  const probe = await untilDeadline(client, Date.now() + PROBE_MS, () =>
    client.workflow
      .getHandle(workflowId)
      .describe()
      .then(
        () => true,
        (error: unknown) => {
          // "Not found" is an answer too; only an engine that cannot be reached is not.
          if (error instanceof Error && error.name === 'WorkflowNotFoundError') return true;
          throw error;
        },
      ),
  ).catch(() => ({ finished: false as const }));
  return probe.finished;
}

/** ACCEPTED_PENDING: taken on, not finished by the deadline; `details` say what to follow up. */
export function acceptedPending(message: string, details: ErrorDetails): DomainError {
  return new DomainError('ACCEPTED_PENDING', message, undefined, { retryAfterSeconds: RETRY_AFTER_SECONDS, ...details });
}

/** The workflow engine did not answer within the deadline, so the work may not have been received. */
export function engineDidNotAnswer(deadlineMs: number): DomainError {
  const error = serviceUnavailable('workflow engine');
  return new DomainError(
    'SERVICE_UNAVAILABLE',
    `The workflow engine did not answer within ${Math.round(deadlineMs / 1000)} s, so this may not have been received. Try again in ${RETRY_AFTER_SECONDS} seconds, with the same Idempotency-Key.`,
    undefined,
    error.details,
  );
}

/** What a mutation may take beyond its deadline (the workflow probe, the final read) before the safety net answers. */
const SAFETY_MARGIN_MS = 5_000;

/**
 * The last bound on every mutation, whatever it waits on (a database that stopped answering, say):
 * past its deadline and a margin it is answered SERVICE_UNAVAILABLE, saying the outcome is unknown.
 * Workflow-backed mutations answer by their deadline themselves, with what they know.
 */
export function mutationSafetyNet(deadlineMs: number = mutationDeadlineMs()): MiddlewareFn {
  return async ({ info }, next) => {
    if (info.parentType.name !== 'Mutation') return next();
    let timer: NodeJS.Timeout | undefined;
    const limit = deadlineMs + SAFETY_MARGIN_MS;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(
          new DomainError(
            'SERVICE_UNAVAILABLE',
            `${info.fieldName} did not finish within ${Math.round(limit / 1000)} s (a part of the system is slow or down); it may or may not have been carried out. Reload before trying again.`,
            undefined,
            { retryAfterSeconds: RETRY_AFTER_SECONDS },
          ),
        );
      }, limit);
    });
    try {
      return await Promise.race([next(), late]);
    } finally {
      clearTimeout(timer);
    }
  };
}
