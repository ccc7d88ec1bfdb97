/**
 * Task queue names. Each service's activities run on their own queue, the workflows on
 * `lifecycle`; a suffix lets tests run isolated copies of the system against one Temporal server.
 * Workflows receive the names in their input, so they never read configuration themselves.
 */
export interface TaskQueues {
  municipalities: string;
  participants: string;
  claims: string;
  lifecycle: string;
}

export function taskQueueNames(suffix = ''): TaskQueues {
  const name = (base: string) => (suffix ? `${base}-${suffix}` : base);
  return { municipalities: name('municipalities'), participants: name('participants'), claims: name('claims'), lifecycle: name('lifecycle') };
}
