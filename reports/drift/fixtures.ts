import type { SearchStep } from '../../src/probe/search.ts';
import type { BoundResult, EditionScore, Expected, ProbeExchange, ProbeResult, TriedValue, ValueSetBound } from '../../src/probe/probe-result.ts';

const current = 'alibaba-smc/CreateReplicationJob@current';
const older = 'alibaba-smc/CreateReplicationJob@2019';
const target = 'http://127.0.0.1:9101';

/** Whether the 2019 and the current edition predict every conclusive answer of a rule (null: none was conclusive). */
const agreement = (inOlder: boolean | null, inCurrent: boolean | null): Record<string, boolean | null> => ({ [older]: inOlder, [current]: inCurrent });

/** Sizes the search asked about that got one answer, in order. */
const answered = (answer: SearchStep['answer'], ...sizes: number[]): SearchStep[] => sizes.map((size) => ({ size, answer }));

/** The minimal valid request of the target's fixtures, in wire order; a probe sets or (null) drops parameters of it. */
const minimalRequest = { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0004', TargetType: 'Image', ImageName: 'probe-image-1' };

/**
 * A probe request as the probe records it, signature redacted: the minimal valid request of the
 * target's fixtures with the probed parameters (`SystemDiskSize=6144`, `Tag.21.Key=k21`, a missing
 * `SourceId`…) set in it. `carried` is the size (limits) or the label of the value (value sets) sent.
 */
export function sampleExchange(carried: number | string, status: number, probed: Readonly<Record<string, string | null>>, code?: string): ProbeExchange {
  // A nonce per size or value, as each request has its own.
  const nonce = typeof carried === 'number' ? carried : [...carried].reduce((sum, c) => sum + (c.codePointAt(0) ?? 0), 0);
  const parameters = Object.entries({ ...minimalRequest, ...probed }).flatMap(([name, value]) => (value === null ? [] : [`${name}=${value}`]));
  const body = [
    'Action=CreateReplicationJob',
    'Version=2019-06-01',
    'Format=JSON',
    'AccessKeyId=LTAI5tProbeExampleKeyId',
    'SignatureMethod=HMAC-SHA1',
    'SignatureVersion=1.0',
    `SignatureNonce=6d7c0a94-5b0e-4c1f-9a51-${String(nonce).padStart(12, '0')}`,
    'Timestamp=2026-11-22T10%3A00%3A05Z',
    ...parameters,
    'Signature=[REDACTED]',
  ].join('&');
  const request = { method: 'POST', url: `${target}/`, headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, body };
  const curl = `curl -sS -X POST '${request.url}' -H 'accept: application/json' -H 'content-type: application/x-www-form-urlencoded' --data-binary '${body}'`;
  return { ...(typeof carried === 'number' ? { size: carried } : { value: carried }), status, ...(code !== undefined ? { code } : {}), request, curl };
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
  lastAccepted: sampleExchange(20, 200, { SystemDiskSize: '20' }),
  firstRejected: sampleExchange(19, 400, { SystemDiskSize: '19' }, 'InvalidParameter'),
  verdict: 'matches',
  agreement: agreement(true, true),
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
  lastAccepted: sampleExchange(6144, 200, { SystemDiskSize: '6144' }),
  firstRejected: sampleExchange(6145, 400, { SystemDiskSize: '6145' }, 'InvalidParameter'),
  verdict: 'drift',
  agreement: agreement(false, false),
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
  lastAccepted: sampleExchange(16, 200, { 'DataDisk.1.Index': '16', 'DataDisk.1.Size': '20' }),
  firstRejected: null,
  verdict: 'inconclusive',
  agreement: agreement(true, true),
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
  lastAccepted: sampleExchange(65536, 200, { 'DataDisk.1.Index': '1', 'DataDisk.1.Size': '65536' }),
  firstRejected: null,
  verdict: 'drift',
  agreement: agreement(false, false),
  why: 'accepted every size up to 65536, the farthest worth sending; the documents say 32768',
  end: 'unbounded',
  steps: answered('accepted', 32768, 32769, 32771, 32775, 32783, 32799, 32831, 32895, 33023, 33279, 33791, 34815, 36863, 40959, 49151, 65535, 65536),
  inconclusive: {},
};

/** `Tag.1.Key=k1` to `Tag.<n>.Key=k<n>`. */
const tags = (n: number): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Tag.${i + 1}.Key`, `k${i + 1}`]));

/** `Tag.maxItems`: 20 tags, a rule the 2019 edition does not have. */
const tagMaxItems: BoundResult = {
  rule: 'Tag.maxItems',
  kind: 'count',
  side: 'upper',
  documented: 20,
  editions: { [older]: null, [current]: 20 },
  observed: 20,
  requests: 2,
  lastAccepted: sampleExchange(20, 200, tags(20)),
  firstRejected: sampleExchange(21, 400, tags(21), 'InvalidParameter'),
  verdict: 'matches',
  agreement: agreement(false, true),
  why: 'accepts 20 entries, refuses 21 entries: as documented (20 entries)',
  end: 'found',
  steps: [...answered('accepted', 20), ...answered('refused', 21)],
  inconclusive: {},
};

/** A value tried: its label, what the 2019 and the current edition expect of it, the answer. */
const tried = (label: string, inOlder: Expected, inCurrent: Expected, answer: TriedValue['answer']): TriedValue => ({ label, expected: { [older]: inOlder, [current]: inCurrent }, answer });

/** `SourceId.required`: required in both editions, and so it is. */
const sourceIdRequired: ValueSetBound = {
  rule: 'SourceId.required',
  kind: 'required',
  documented: { accepted: ['present'], refused: ['missing'], either: [] },
  observed: { accepted: ['present'], refused: ['missing'], inconclusive: [] },
  followed: ['the documents as written'],
  values: [tried('present', 'accept', 'accept', 'accepted'), tried('missing', 'refuse', 'refuse', 'refused')],
  agreement: agreement(true, true),
  verdict: 'matches',
  why: 'every value answered as the documents as written say',
  requests: 2,
  lastAccepted: sampleExchange('present', 200, {}),
  firstRejected: sampleExchange('missing', 400, { SourceId: null }, 'MissingParameter'),
  inconclusive: {},
};

/** `Name.firstCharacter`: letters accepted, digits and `_` refused; every request with a Chinese first character refused for another parameter. */
const nameFirstCharacter: ValueSetBound = {
  rule: 'Name.firstCharacter',
  kind: 'firstCharacter',
  documented: { accepted: ['starts with "a"', 'starts with "Z"'], refused: ['starts with "9"', 'starts with "_"'], either: ['starts with "中"'] },
  observed: { accepted: ['starts with "a"', 'starts with "Z"'], refused: ['starts with "9"', 'starts with "_"'], inconclusive: ['starts with "中"'] },
  // Only the conclusive answers count: none of them depends on a reading.
  followed: ['the documents as written'],
  values: [
    tried('starts with "a"', 'accept', 'accept', 'accepted'),
    tried('starts with "Z"', 'accept', 'accept', 'accepted'),
    tried('starts with "中"', 'either', 'either', 'inconclusive'),
    tried('starts with "9"', 'refuse', 'refuse', 'refused'),
    tried('starts with "_"', 'refuse', 'refuse', 'refused'),
  ],
  agreement: agreement(true, true),
  verdict: 'inconclusive',
  why: '1 of 5 values got no answer about the rule',
  requests: 7,
  lastAccepted: sampleExchange('starts with "Z"', 200, { Name: 'Zk' }),
  firstRejected: sampleExchange('starts with "9"', 400, { Name: '9k' }, 'InvalidParameter'),
  inconclusive: { 'other-parameter': 3 },
};

const targetType = {
  image: 'listed value "Image"',
  containerImage: 'listed value "ContainerImage"',
  targetInstance: 'listed value "TargetInstance"',
  lowerImage: 'listed value in another case "image"',
  upperImage: 'listed value in another case "IMAGE"',
  lowerTargetInstance: 'listed value in another case "targetinstance"',
  unlisted: 'unlisted value "unknown"',
};

/**
 * `TargetType.enum`: the three listed values accepted, every other case of them refused — as the
 * current edition's reading `target-type-case=exact` says (`ignore-case` would accept them); the 2019
 * edition lists only `image`, so it expects `image` accepted and `TargetInstance` refused.
 */
const targetTypeEnum: ValueSetBound = {
  rule: 'TargetType.enum',
  kind: 'enum',
  documented: {
    accepted: [targetType.image, targetType.containerImage, targetType.targetInstance],
    refused: [targetType.unlisted],
    either: [targetType.lowerImage, targetType.upperImage, targetType.lowerTargetInstance],
  },
  observed: {
    accepted: [targetType.image, targetType.containerImage, targetType.targetInstance],
    refused: [targetType.lowerImage, targetType.upperImage, targetType.lowerTargetInstance, targetType.unlisted],
    inconclusive: [],
  },
  followed: ['target-type-case=exact'],
  values: [
    tried(targetType.image, 'either', 'accept', 'accepted'),
    tried(targetType.containerImage, 'refuse', 'accept', 'accepted'),
    tried(targetType.targetInstance, 'refuse', 'accept', 'accepted'),
    tried(targetType.lowerImage, 'accept', 'either', 'refused'),
    tried(targetType.upperImage, 'either', 'either', 'refused'),
    tried(targetType.lowerTargetInstance, 'refuse', 'either', 'refused'),
    tried(targetType.unlisted, 'refuse', 'refuse', 'refused'),
  ],
  agreement: agreement(false, true),
  verdict: 'matches',
  why: 'every value answered as target-type-case=exact says',
  requests: 7,
  lastAccepted: sampleExchange(targetType.targetInstance, 200, { TargetType: 'TargetInstance', ImageName: null, InstanceId: 'i-bp1f1xhtwdsvsi0ntg01' }),
  firstRejected: sampleExchange(targetType.lowerImage, 400, { TargetType: 'image' }, 'InvalidParameter'),
  inconclusive: {},
};

/** `Tag.Key.forbiddenPrefixes`: a key starting with `aliyun` accepted, which the current edition forbids (the 2019 edition has no tags, so no prefix is forbidden there). */
const tagKeyForbiddenPrefixes: ValueSetBound = {
  rule: 'Tag.Key.forbiddenPrefixes',
  kind: 'forbiddenPrefix',
  documented: {
    accepted: ['starts with "aliyu"', 'starts with "http"', 'starts with "https"', 'starts with "acs"'],
    refused: ['starts with "acs:"', 'starts with "http://"', 'starts with "aliyun"', 'starts with "https://"'],
    either: [],
  },
  observed: {
    accepted: ['starts with "aliyu"', 'starts with "http"', 'starts with "https"', 'starts with "acs"', 'starts with "aliyun"'],
    refused: ['starts with "acs:"', 'starts with "http://"', 'starts with "https://"'],
    inconclusive: [],
  },
  followed: [],
  values: [
    tried('starts with "aliyu"', 'accept', 'accept', 'accepted'),
    tried('starts with "http"', 'accept', 'accept', 'accepted'),
    tried('starts with "https"', 'accept', 'accept', 'accepted'),
    tried('starts with "acs"', 'accept', 'accept', 'accepted'),
    tried('starts with "acs:"', 'accept', 'refuse', 'refused'),
    tried('starts with "http://"', 'accept', 'refuse', 'refused'),
    tried('starts with "aliyun"', 'accept', 'refuse', 'accepted'),
    tried('starts with "https://"', 'accept', 'refuse', 'refused'),
  ],
  agreement: agreement(false, false),
  verdict: 'drift',
  why: 'accepts starts with "aliyun": no reading of the documents does',
  requests: 8,
  lastAccepted: sampleExchange('starts with "aliyun"', 200, { 'Tag.1.Key': 'aliyun-env', 'Tag.1.Value': 'prod' }),
  firstRejected: sampleExchange('starts with "acs:"', 400, { 'Tag.1.Key': 'acs%3Aenv', 'Tag.1.Value': 'prod' }, 'InvalidParameter'),
  inconclusive: {},
};

/** Every rule of the sample probe, in contract order. */
const sampleBounds: readonly BoundResult[] = [
  sourceIdRequired,
  nameFirstCharacter,
  targetTypeEnum,
  systemDiskMinimum,
  systemDiskMaximum,
  dataDiskIndexMaximum,
  dataDiskSizeMaximum,
  tagMaxItems,
  tagKeyForbiddenPrefixes,
];

/**
 * A probe of SMC CreateReplicationJob on the emulator with a raised system disk limit and tag keys
 * starting with `aliyun` let through: bounds and value sets of each outcome (matches, drift placed
 * exactly, drift with nothing refused, a value accepted against the documents, inconclusive), both
 * editions scored from the rules' agreement (@current closest), one job the cleanup could not delete.
 */
export function sampleProbe(bounds: readonly BoundResult[] = sampleBounds): ProbeResult {
  const editions = [older, current].map((api): EditionScore => ({ api, agree: bounds.filter((b) => b.agreement[api] === true).length, disagree: bounds.filter((b) => b.agreement[api] === false).length }));
  return {
    api: current,
    target,
    seed: 42,
    startedAt: '2026-11-22T10:00:00.000Z',
    durationMs: 8412,
    bounds,
    editions,
    closest: current,
    requests: bounds.reduce((n, b) => n + b.requests, 0),
    cleanupCalls: 34,
    leftBehind: [{ rule: 'SystemDiskSize.maximum', id: 'j-bp1e7xd4n9x0q2a3c5f1', why: 'DeleteReplicationJob answered 500 InternalError twice' }],
    rerun: `migration-conformance probe --api ${current} --seed 42`,
  };
}
