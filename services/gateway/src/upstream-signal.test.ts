import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { callSignals } from './upstream-signal.js';

describe('signals of subgraph calls (issue 16, finding 10 and the soak leak)', () => {
  it('keeps one listener on the shared signal and nothing of a call once it is released', () => {
    const shared = new AbortController().signal;
    const signals = callSignals();
    for (let i = 0; i < 10_000; i++) {
      const call = signals.follow(shared);
      call.signal.addEventListener('abort', () => undefined); // what node:http does per request
      call.release();
    }
    expect(signals.following(shared)).toBe(0);
    expect(getEventListeners(shared, 'abort')).toHaveLength(1);
    // The leak this replaces: AbortSignal.any kept a WeakRef per call on the shared signal for ever.
    const dependants = Object.getOwnPropertySymbols(shared).find((s) => s.description === 'kDependantSignals');
    expect(dependants === undefined ? 0 : (shared as unknown as Record<symbol, Set<unknown>>)[dependants]!.size).toBe(0);
  });

  it('aborts the calls in flight, and only those, when the shared signal aborts', () => {
    const controller = new AbortController();
    const signals = callSignals();
    const done = signals.follow(controller.signal);
    done.release();
    const inFlight = [signals.follow(controller.signal), signals.follow(controller.signal)];
    expect(signals.following(controller.signal)).toBe(2);
    controller.abort(new Error('gateway disposed'));
    expect(inFlight.map((call) => call.signal.aborted)).toEqual([true, true]);
    expect((inFlight[0]!.signal.reason as Error).message).toBe('gateway disposed');
    expect(done.signal.aborted).toBe(false);
    expect(signals.following(controller.signal)).toBe(0);
    expect(signals.follow(controller.signal).signal.aborted).toBe(true); // a call after the abort starts aborted
  });
});
