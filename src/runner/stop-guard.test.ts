import { describe, expect, it } from 'vitest';
import { createStopGuard } from './stop-guard.ts';

describe('createStopGuard', () => {
  it('stops after a streak of throttling or of no answers, not after mixed or interrupted streaks', () => {
    const guard = createStopGuard('http://t', 3);
    for (const c of ['throttling', 'throttling', 'validation', 'throttling', 'transport', 'throttling'] as const) guard.note({ class: c });
    expect(guard.stopped()).toBeUndefined();
    guard.note({ class: 'throttling', code: 'Throttling.User' });
    guard.note({ class: 'throttling', code: 'Throttling.User' });
    expect(guard.stopped()).toEqual({ reason: 'throttled-stop', words: '3 cases in a row were throttling (Throttling.User) after retries; the run stopped sending to http://t' });
    const silent = createStopGuard('http://t', 2);
    silent.note({ class: 'transport' });
    silent.note({ class: 'transport' });
    expect(silent.stopped()?.reason).toBe('unresponsive-stop');
  });
});
