import { describe, expect, it } from 'vitest';
import { loadContract } from '../contract/load.ts';
import { boundVerdict } from './bound-verdict.ts';
import { closestEdition, explains, probedBounds, readingBounds, scoreEditions } from './bounds.ts';
import type { SearchStep } from './search.ts';

const old = loadContract('alibaba-smc/CreateReplicationJob@2019');
const current = loadContract('alibaba-smc/CreateReplicationJob@current');
const steps = (...pairs: [number, SearchStep['answer']][]): SearchStep[] => pairs.map(([size, answer]) => ({ size, answer }));

describe('probedBounds', () => {
  it('searches each limit from its documented bound, inward no farther than the bound on the other side of the same value', () => {
    const bounds = new Map(probedBounds(current).map((b) => [b.rule.id, b.plan]));
    expect(bounds.get('SystemDiskSize.maximum')).toMatchObject({ side: 'upper', start: 2048, within: [20, 2 ** 31] });
    expect(bounds.get('SystemDiskSize.minimum')).toMatchObject({ side: 'lower', start: 20, within: [2048, -(2 ** 31)], outerIsLast: false });
    // No minimum length stated: down to 1 character, the shortest value the RPC wire tells from an unset one.
    expect(bounds.get('ClientToken.maxLength')).toMatchObject({ within: [1, 2 ** 16] });
    expect(bounds.get('Name.minLength')).toMatchObject({ within: [128, 1], outerIsLast: true });
    expect(bounds.get('Tag.maxItems')).toMatchObject({ start: 20, within: [0, 2 ** 10] });
    expect([...bounds.keys()].every((id) => /\.(minimum|maximum|minLength|maxLength|maxItems|timeWindow\.after|timeWindow\.notAfter)$/.test(id))).toBe(true);
  });

  it('searches each edge of a time window in seconds from now, from the documented edge, with a tolerance for clocks', () => {
    const bounds = new Map(probedBounds(current).map((b) => [b.rule.id, b]));
    // "later than now" is exclusive: the first second accepted is now + 1 s.
    expect(bounds.get('ScheduledStartTime.timeWindow.after')?.plan).toMatchObject({ side: 'lower', start: 1, within: [30 * 86_400, -10 * 366 * 86_400], tolerance: 120 });
    expect(bounds.get('ValidTime.timeWindow.notAfter')?.plan).toMatchObject({ side: 'upper', start: 90 * 86_400, within: [7 * 86_400, 10 * 366 * 86_400] });
    expect(bounds.get('ValidTime.timeWindow.after')?.of).toBe('seconds');
  });

  it('builds a time window edge\'s value from the clock as each request is built', () => {
    let now = Date.parse('2026-11-30T12:00:00.900Z');
    const edge = probedBounds(current, { now: () => new Date(now) }).find((b) => b.rule.id === 'ValidTime.timeWindow.notAfter');
    expect(edge?.valueAt?.(90 * 86_400)).toBe('2027-02-28T12:00:00Z');
    now += 5000;
    expect(edge?.valueAt?.(1)).toBe('2026-11-30T12:00:06Z');
  });
});

describe('editions and readings of a bound', () => {
  it('an edition without the rule predicts that nothing is refused', () => {
    expect(explains(null, 'upper', steps([20, 'accepted'], [1024, 'accepted']))).toBe(true);
    expect(explains(null, 'upper', steps([21, 'refused']))).toBe(false);
    expect(explains(20, 'upper', steps([20, 'accepted'], [21, 'refused'], [30, 'inconclusive']))).toBe(true);
    expect(explains(20, 'lower', steps([20, 'accepted'], [19, 'accepted']))).toBe(false);
    // Without a tolerance the answer at the bound itself counts; with one, answers that close go either way.
    expect(explains(20, 'lower', steps([20, 'refused']))).toBe(false);
    expect(explains(2_592_000, 'upper', steps([2_592_060, 'accepted'], [2_592_061, 'refused']), 120)).toBe(true);
    expect(explains(2_592_000, 'upper', steps([2_592_121, 'accepted']), 120)).toBe(false);
  });

  it('scores each edition by the probes whose every answer it predicts, and names the one that stands out', () => {
    const probes = [
      { rule: 'SystemDiskSize.maximum', side: 'upper' as const, steps: steps([2048, 'refused'], [2047, 'refused'], [500, 'accepted'], [501, 'refused']) },
      { rule: 'Tag.maxItems', side: 'upper' as const, steps: steps([20, 'accepted'], [21, 'accepted'], [1024, 'accepted']) },
      { rule: 'Name.maxLength', side: 'upper' as const, steps: steps([128, 'accepted'], [129, 'refused']) },
      { rule: 'Frequency.maximum', side: 'upper' as const, steps: steps([168, 'inconclusive']) },
    ].map((p) => ({
      agreement: Object.fromEntries([old, current].map((e) => [e.id, p.steps.some((s) => s.answer !== 'inconclusive') ? readingBounds(e, p.rule).some((b) => explains(b, p.side, p.steps)) : null])),
    }));
    const scores = scoreEditions([old, current], probes);
    expect(scores).toEqual([
      { api: old.id, agree: 3, disagree: 0 },
      { api: current.id, agree: 1, disagree: 2 },
    ]);
    expect(closestEdition(scores)).toBe(old.id);
    expect(closestEdition([{ api: old.id, agree: 2, disagree: 0 }, { api: current.id, agree: 2, disagree: 0 }])).toBeNull();
    expect(closestEdition([{ api: old.id, agree: 0, disagree: 3 }])).toBeNull();
  });

  it('a rule no reading states otherwise has one documented bound', () => {
    expect(readingBounds(current, 'SystemDiskSize.maximum')).toEqual([2048]);
    expect(readingBounds(old, 'Tag.maxItems')).toEqual([null]);
  });
});

describe('boundVerdict', () => {
  const plan = { side: 'upper' as const, start: 2048, within: [20, 2 ** 31] as const };
  it('matches only where a documented bound predicts every answer and the search placed it', () => {
    expect(boundVerdict({ steps: steps([2048, 'accepted'], [2049, 'refused']), end: 'found', lastAccepted: 2048, firstRefused: 2049 }, plan, [2048], 'value', '')).toMatchObject({ verdict: 'matches', observed: 2048 });
    expect(boundVerdict({ steps: steps([2048, 'accepted'], [2049, 'accepted'], [2050, 'refused']), end: 'found', lastAccepted: 2049, firstRefused: 2050 }, plan, [2048], 'value', '')).toMatchObject({ verdict: 'drift', observed: 2049 });
  });

  it('calls an answer past the documents drift even when the search could not finish, and a silent one inconclusive', () => {
    const stopped = boundVerdict({ steps: steps([2048, 'accepted'], [2049, 'accepted'], [2051, 'inconclusive']), end: 'inconclusive', lastAccepted: 2049 }, plan, [2048], 'value', 'throttled');
    expect(stopped).toMatchObject({ verdict: 'drift', observed: null, between: { accepted: 2049 } });
    expect(stopped.why).toContain('accepted 2049');
    expect(boundVerdict({ steps: steps([2048, 'accepted'], [2049, 'inconclusive']), end: 'inconclusive', lastAccepted: 2048 }, plan, [2048], 'value', 'throttled')).toMatchObject({ verdict: 'inconclusive', observed: null });
  });

  it('never calls drift when nothing was accepted, not even inside the documented range', () => {
    const refusedAll = boundVerdict({ steps: steps([2048, 'refused'], [2047, 'refused'], [20, 'refused']), end: 'nothing-accepted', firstRefused: 20 }, plan, [2048], 'value', '');
    expect(refusedAll.verdict).toBe('inconclusive');
  });
});
