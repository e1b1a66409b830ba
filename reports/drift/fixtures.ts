import type { SearchStep } from '../../src/probe/search.ts';
import type { BoundResult, ProbeExchange, ProbeResult } from '../../src/probe/probe-result.ts';

const current = 'alibaba-smc/CreateReplicationJob@current';
const older = 'alibaba-smc/CreateReplicationJob@2019';
const target = 'http://127.0.0.1:9101';

/** Sizes the search asked about that got one answer, in order. */
const answered = (answer: SearchStep['answer'], ...sizes: number[]): SearchStep[] => sizes.map((size) => ({ size, answer }));

/**
 * A probe request as the probe records it, signature redacted: the minimal valid request of the
 * target's fixtures with the probed parameters (`SystemDiskSize=6144`, `Tag.21.Key=k21`…) in it.
 */
export function sampleExchange(size: number, status: number, probed: string, code?: string): ProbeExchange {
  const body = [
    'Action=CreateReplicationJob',
    'Version=2019-06-01',
    'Format=JSON',
    'AccessKeyId=LTAI5tProbeExampleKeyId',
    'SignatureMethod=HMAC-SHA1',
    'SignatureVersion=1.0',
    `SignatureNonce=6d7c0a94-5b0e-4c1f-9a51-${String(size).padStart(12, '0')}`,
    'Timestamp=2026-11-22T10%3A00%3A05Z',
    'RegionId=cn-hangzhou',
    'SourceId=s-bp1e2fsl57knvuug0004',
    'TargetType=Image',
    'ImageName=probe-image-1',
    probed,
    'Signature=[REDACTED]',
  ].join('&');
  const request = { method: 'POST', url: `${target}/`, headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, body };
  const curl = `curl -sS -X POST '${request.url}' -H 'accept: application/json' -H 'content-type: application/x-www-form-urlencoded' --data-binary '${body}'`;
  return { size, status, ...(code !== undefined ? { code } : {}), request, curl };
}

/** `SystemDiskSize.minimum`: documented 20 in both editions, found at 20. */
const systemDiskMinimum: BoundResult = {
  rule: 'SystemDiskSize.minimum',
  kind: 'range',
  side: 'lower',
  documented: 20,
  editions: { [older]: 20, [current]: 20 },
  observed: 20,
  requests: 2,
  lastAccepted: sampleExchange(20, 200, 'SystemDiskSize=20'),
  firstRejected: sampleExchange(19, 400, 'SystemDiskSize=19', 'InvalidParameter'),
  verdict: 'matches',
  why: 'accepts 20, refuses 19: as documented (20)',
  end: 'found',
  steps: [...answered('accepted', 20), ...answered('refused', 19)],
  inconclusive: {},
};

/** `SystemDiskSize.maximum`: 2,048 documented (500 in 2019), 6,144 enforced; exponential search out from 2,048, then binary. */
const systemDiskMaximum: BoundResult = {
  rule: 'SystemDiskSize.maximum',
  kind: 'range',
  side: 'upper',
  documented: 2048,
  editions: { [older]: 500, [current]: 2048 },
  observed: 6144,
  requests: 26,
  lastAccepted: sampleExchange(6144, 200, 'SystemDiskSize=6144'),
  firstRejected: sampleExchange(6145, 400, 'SystemDiskSize=6145', 'InvalidParameter'),
  verdict: 'drift',
  why: 'accepts up to 6144 and refuses 6145; the documents say 2048',
  end: 'found',
  steps: [
    ...answered('accepted', 2048, 2049, 2051, 2055, 2063, 2079, 2111, 2175, 2303, 2559, 3071, 4095, 6143),
    ...answered('refused', 10239, 8191, 7167, 6655, 6399, 6271, 6207, 6175, 6159, 6151, 6147, 6145),
    ...answered('accepted', 6144),
  ],
  inconclusive: {},
};

/** `DataDisk.Index.maximum`: 16 accepted, then every request at 17 refused for the source server's state (it has no 17th disk). */
const dataDiskIndexMaximum: BoundResult = {
  rule: 'DataDisk.Index.maximum',
  kind: 'range',
  side: 'upper',
  documented: 16,
  editions: { [older]: 16, [current]: 16 },
  observed: null,
  between: { accepted: 16 },
  requests: 4,
  lastAccepted: sampleExchange(16, 200, 'DataDisk.1.Index=16&DataDisk.1.Size=20'),
  firstRejected: null,
  verdict: 'inconclusive',
  why: 'the size 17 got no answer about the rule (state 3); accepted 16',
  end: 'inconclusive',
  steps: [...answered('accepted', 16), ...answered('inconclusive', 17)],
  inconclusive: { state: 3 },
};

/** `DataDisk.Size.maximum`: 32,768 documented, every size accepted up to 65,536 (the farthest the probe sends). */
const dataDiskSizeMaximum: BoundResult = {
  rule: 'DataDisk.Size.maximum',
  kind: 'range',
  side: 'upper',
  documented: 32768,
  editions: { [older]: 32768, [current]: 32768 },
  observed: null,
  between: { accepted: 65536 },
  requests: 17,
  lastAccepted: sampleExchange(65536, 200, 'DataDisk.1.Index=1&DataDisk.1.Size=65536'),
  firstRejected: null,
  verdict: 'drift',
  why: 'accepted every size up to 65536, the farthest worth sending; the documents say 32768',
  end: 'unbounded',
  steps: answered('accepted', 32768, 32769, 32771, 32775, 32783, 32799, 32831, 32895, 33023, 33279, 33791, 34815, 36863, 40959, 49151, 65535, 65536),
  inconclusive: {},
};

/** `Tag.maxItems`: 20 tags, a rule the 2019 edition does not have. */
const tagMaxItems: BoundResult = {
  rule: 'Tag.maxItems',
  kind: 'count',
  side: 'upper',
  documented: 20,
  editions: { [older]: null, [current]: 20 },
  observed: 20,
  requests: 2,
  lastAccepted: sampleExchange(20, 200, Array.from({ length: 20 }, (_, i) => `Tag.${i + 1}.Key=k${i + 1}`).join('&')),
  firstRejected: sampleExchange(21, 400, Array.from({ length: 21 }, (_, i) => `Tag.${i + 1}.Key=k${i + 1}`).join('&'), 'InvalidParameter'),
  verdict: 'matches',
  why: 'accepts 20 entries, refuses 21 entries: as documented (20 entries)',
  end: 'found',
  steps: [...answered('accepted', 20), ...answered('refused', 21)],
  inconclusive: {},
};

/**
 * A probe of SMC CreateReplicationJob on the emulator with a raised system disk limit: one bound of
 * each outcome (matches, drift placed exactly, inconclusive, drift with nothing refused), both
 * editions scored (@current closest), one job the cleanup could not delete.
 */
export function sampleProbe(bounds: readonly BoundResult[] = [systemDiskMinimum, systemDiskMaximum, dataDiskIndexMaximum, dataDiskSizeMaximum, tagMaxItems]): ProbeResult {
  return {
    api: current,
    target,
    seed: 42,
    startedAt: '2026-11-22T10:00:00.000Z',
    durationMs: 8412,
    bounds,
    editions: [
      { api: older, agree: 2, disagree: 3 },
      { api: current, agree: 3, disagree: 2 },
    ],
    closest: current,
    requests: bounds.reduce((n, b) => n + b.requests, 0),
    cleanupCalls: 34,
    leftBehind: [{ rule: 'SystemDiskSize.maximum', id: 'j-bp1e7xd4n9x0q2a3c5f1', why: 'DeleteReplicationJob answered 500 InternalError twice' }],
    rerun: `migration-conformance probe --api ${current} --seed 42`,
  };
}
