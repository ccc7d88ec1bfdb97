import { condition } from '@temporalio/workflow';

/**
 * One holder at a time inside a workflow, for Update handlers that must not interleave.
 * Waiting is a `condition`, so it adds nothing to the history and replays unchanged.
 * Several waiters can be woken by the same release: each re-checks after waking, and
 * whoever runs first takes the lock.
 */
export class Mutex {
  private held = false;

  async runExclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.held) await condition(() => !this.held);
    this.held = true;
    try {
      return await work();
    } finally {
      this.held = false;
    }
  }
}
