// An Alibaba SMC RPC endpoint (CreateReplicationJob, DeleteReplicationJob, DescribeReplicationJobs) written
// from seed 001 (the current English edition) alone, never from our emulator or schemas: a conforming
// endpoint that reads the documents its own way (decision 006). BLIND_* variables switch on other behaviours
// the documents allow. Listens on 127.0.0.1 only; prints its port (argument 1, or any) on stdout.
import http from 'node:http';
import { randomUUID, randomBytes } from 'node:crypto';
import zlib from 'node:zlib';

const HOST_ID = 'smc.aliyuncs.com';
const LOG = process.env.BLIND_LOG === '1';

// ---------- fixtures (the state the profile describes) ----------
interface Source { id: string; state: string; sysUsed: number; data: Map<number, number> }
const sources = new Map<string, Source>();
function addSource(id: string, state: string, sysUsed: number, data: [number, number][]) {
  sources.set(id, { id, state, sysUsed, data: new Map(data) });
}
addSource('s-bp1e2fsl57knvuug0001', 'Available', 18, [[1, 15], [2, 10]]);
addSource('s-bp1e2fsl57knvuug0002', 'Available', 12, [[1, 5]]);
addSource('s-bp1e2fsl57knvuug0003', 'Available', 19, []);
addSource('s-bp1e2fsl57knvuug0004', 'Available', 10, Array.from({ length: 16 }, (_, i) => [i + 1, 1] as [number, number]));
addSource('s-bp1e2fsl57knvuug0005', 'Unavailable', 10, []);
addSource('s-xxxxxxxxxxxxxxx', 'Available', 40, [[1, 50]]);
addSource('s-bp1e2fsl57knvuug****', 'Available', 40, [[1, 50]]);
const vswitchVpc = new Map<string, string>([
  ['vsw-bp1ddbrxdlrcbim460001', 'vpc-bp1vwnn14rqpyiczj0001'],
  ['vsw-bp1ddbrxdlrcbim460002', 'vpc-bp1vwnn14rqpyiczj0001'],
  ['vsw-bp1ddbrxdlrcbim460003', 'vpc-bp1vwnn14rqpyiczj0002'],
  ['vsw-bp1ddbrxdlrcbim46****', 'vpc-bp1vwnn14rqpyiczj****'],
]);
const QUOTA = 1000; // "Each Alibaba Cloud account can create up to 1,000 migration tasks."

interface Job { id: string; name?: string | undefined; imageName?: string | undefined; sourceId: string; status: string; clientToken?: string | undefined; fingerprint: string; created: string; regionId: string }
const jobs = new Map<string, Job>();
const INCOMPLETE = new Set(['Ready', 'Running', 'Stopped', 'Waiting', 'InError', 'Expired']);
// BLIND_NAMES_KEPT=1: a deleted job's Name and ImageName stay taken (the documents never say deleting frees them).
const deletedJobs: Job[] = [];
const namesKept = process.env.BLIND_NAMES_KEPT === '1';

// ---------- errors ----------
class ApiError extends Error {
  status: number; code: string;
  constructor(status: number, code: string, message: string) { super(message); this.status = status; this.code = code; }
}
const missing = (name: string) => new ApiError(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
const invalid = (name: string, why?: string) => new ApiError(400, 'InvalidParameter', `The specified value of parameter "${name}" is not valid.${why ? ' ' + why : ''}`);

// ---------- parameter access ----------
type Params = Map<string, string>;
function get(p: Params, k: string): string | undefined {
  const v = p.get(k);
  return v === undefined || v === '' ? undefined : v; // an empty value leaves a parameter unset
}
function intOf(p: Params, k: string, min?: number, max?: number): number | undefined {
  const v = get(p, k);
  if (v === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(v.trim())) throw invalid(k, 'It must be an integer.');
  const n = Number(v.trim());
  if (!Number.isSafeInteger(n)) throw invalid(k);
  if (min !== undefined && n < min) throw invalid(k, max !== undefined ? `Valid values: ${min} to ${max}.` : `It must be at least ${min}.`);
  if (max !== undefined && n > max) throw invalid(k, `Valid values: ${min} to ${max}.`);
  return n;
}
function boolOf(p: Params, k: string): boolean | undefined {
  const v = get(p, k);
  if (v === undefined) return undefined;
  const l = process.env.BLIND_BOOL_STRICT === '1' ? v : v.toLowerCase();
  if (l === 'true') return true;
  if (l === 'false') return false;
  throw invalid(k, 'It must be true or false.');
}
const cpLen = (s: string) => [...s].length;

// name rules: 2..128 characters, starts with a letter or a Chinese character, not http:// or https://
function checkName(p: Params, k: string) {
  const v = get(p, k);
  if (v === undefined) return undefined;
  const n = cpLen(v);
  if (n < 2 || n > 128) throw invalid(k, 'It must be 2 to 128 characters in length.');
  if (!(process.env.BLIND_UNICODE_LETTER === '1' ? /^[\p{L}]/u : /^[A-Za-z\p{Script=Han}]/u).test(v)) throw invalid(k, 'It must start with a letter or a Chinese character.');
  if (process.env.BLIND_NAME_CLOSED === '1' && !/^[A-Za-z0-9\p{Script=Han}:_-]+$/u.test(v)) throw invalid(k, 'It can contain only letters, Chinese characters, digits, colons (:), underscores (_) and hyphens (-).');
  if (/^https?:\/\//i.test(v)) throw invalid(k, 'It cannot start with http:// or https://.');
  return v;
}

// UTC time, ISO 8601: YYYY-MM-DDThh:mm:ss[.fff]Z
function timeOf(p: Params, k: string, allowFraction: boolean): number | undefined {
  const v = get(p, k);
  if (v === undefined) return undefined;
  const m = (allowFraction ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?Z$/ : /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})()Z$/).exec(v);
  if (!m) throw invalid(k, 'Use the UTC format YYYY-MM-DDThh:mm:ssZ.');
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ? m[7].slice(0, 4) : ''}Z`);
  if (Number.isNaN(t)) throw invalid(k);
  const d = new Date(t);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() + 1 !== Number(m[2]) || d.getUTCDate() !== Number(m[3])) throw invalid(k);
  return t;
}

// N-indexed lists: DataDisk.N.Index → Map<N, Map<rest, value>>
function listOf(p: Params, prefix: string): Map<number, Params> {
  const out = new Map<number, Params>();
  for (const [k, v] of p) {
    if (!k.startsWith(prefix + '.')) continue;
    const rest = k.slice(prefix.length + 1);
    const m = /^(\d+)(?:\.(.*))?$/.exec(rest);
    if (!m) continue;
    const n = Number(m[1]);
    if (!out.has(n)) out.set(n, new Map());
    out.get(n)!.set(m[2] ?? '', v);
  }
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

function checkParts(parts: Map<number, Params>, prefix: string) {
  for (const [n, part] of parts) {
    const label = `${prefix}.${n}`;
    const size = intOf(part, 'SizeBytes', 0);
    const block = boolOf(part, 'Block');
    const device = get(part, 'Device');
    void block;
    // "This parameter cannot be empty if ..." (the partition is given)
    if (device === undefined && size !== undefined) throw missing(`${label}.Device`);
    if (device !== undefined && size === undefined) throw missing(`${label}.SizeBytes`);
  }
}

// ---------- CreateReplicationJob ----------
function createReplicationJob(p: Params): Record<string, unknown> {
  const regionId = get(p, 'RegionId');
  if (regionId === undefined) throw missing('RegionId');
  const sourceId = get(p, 'SourceId');
  if (sourceId === undefined) throw missing('SourceId');

  const clientToken = get(p, 'ClientToken');
  if (clientToken !== undefined && (clientToken.length > 64 || !/^[\x20-\x7e]+$/.test(clientToken))) throw invalid('ClientToken', 'Up to 64 ASCII characters.');

  const name = checkName(p, 'Name');
  const description = checkName(p, 'Description');
  void description;
  const imageName = checkName(p, 'ImageName');

  const targetTypeRaw = get(p, 'TargetType');
  let targetType: string | undefined;
  if (targetTypeRaw !== undefined) {
    const known = ['Image', 'ContainerImage', 'TargetInstance'];
    targetType = process.env.BLIND_TT_EXACT === '1' ? known.find((t) => t === targetTypeRaw) : known.find((t) => t.toLowerCase() === targetTypeRaw.toLowerCase());
    if (!targetType) throw invalid('TargetType', `Valid values: ${known.join(', ')}.`);
  }

  const systemDiskSize = intOf(p, 'SystemDiskSize', 20, 2048);
  const netMode = intOf(p, 'NetMode');
  if (netMode !== undefined && netMode !== 0 && netMode !== 2) throw invalid('NetMode', 'Valid values: 0, 2.');
  const vpcId = get(p, 'VpcId');
  const vSwitchId = get(p, 'VSwitchId');

  const rp = get(p, 'ReplicationParameters');
  if (rp !== undefined) {
    if (cpLen(rp) > 2048) throw invalid('ReplicationParameters', 'Up to 2,048 characters.');
    if (process.env.BLIND_RP_JSON === '1') {
    let parsed: unknown;
    try { parsed = JSON.parse(rp); } catch { throw invalid('ReplicationParameters', 'It must be a JSON object.'); }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('ReplicationParameters', 'It must be a JSON object.');
    }
  }

  const runOnce = boolOf(p, 'RunOnce');
  const frequency = intOf(p, 'Frequency', 1, 168);
  const maxImages = intOf(p, 'MaxNumberOfImageToKeep', 1, 10);
  if (runOnce === false) {
    if (frequency === undefined) throw missing('Frequency');
    if (maxImages === undefined) throw missing('MaxNumberOfImageToKeep');
  }

  const now = Date.now();
  const sst = timeOf(p, 'ScheduledStartTime', false); // reference: UTC YYYY-MM-DDThh:mm:ssZ
  if (sst !== undefined) {
    if (sst <= now) throw invalid('ScheduledStartTime', 'It must be later than the current time.');
    if (sst > now + 30 * 86400_000) throw invalid('ScheduledStartTime', 'It must be within 30 days.');
  }
  const vt = timeOf(p, 'ValidTime', process.env.BLIND_VT_STRICT !== '1'); // seed 001 gives no format; reference: UTC ISO 8601
  if (vt !== undefined) {
    if (vt < now + 7 * 86400_000 || vt > now + 90 * 86400_000) throw invalid('ValidTime', 'It must be 7 to 90 days after the task is created.');
  }

  const licenseType = get(p, 'LicenseType');
  if (licenseType !== undefined && licenseType !== 'BYOL') throw invalid('LicenseType', 'Valid values: BYOL.');
  const jobType = intOf(p, 'JobType', 0, 3);
  void jobType;

  // DataDisk
  const dataDisks = listOf(p, 'DataDisk');
  const seenIdx = new Set<number>();
  const ddChecked: { n: number; index: number | undefined; size: number | undefined }[] = [];
  for (const [n, dd] of dataDisks) {
    const index = intOf(dd, 'Index', 1, 16);
    const size = intOf(dd, 'Size', 20, 32768);
    if (index === undefined && (size !== undefined || dd.size > 0)) throw missing(`DataDisk.${n}.Index`);
    if (index !== undefined && seenIdx.has(index)) throw invalid(`DataDisk.${n}.Index`, 'Duplicate data disk index.');
    if (index !== undefined) seenIdx.add(index);
    const parts = new Map<number, Params>();
    for (const [k, v] of dd) {
      const m = /^Part\.(\d+)\.(.+)$/.exec(k);
      if (!m) continue;
      const pn = Number(m[1]);
      if (!parts.has(pn)) parts.set(pn, new Map());
      parts.get(pn)!.set(m[2]!, v);
    }
    checkParts(parts, `DataDisk.${n}.Part`);
    ddChecked.push({ n, index, size });
  }
  const sysParts = listOf(p, 'SystemDiskPart');
  const sysPartsFlat = new Map<number, Params>();
  for (const [n, sp] of sysParts) sysPartsFlat.set(n, sp);
  checkParts(sysPartsFlat, 'SystemDiskPart');

  // Tags
  const tags = listOf(p, 'Tag');
  for (const [n, t] of tags) {
    if (n < 1 || n > 20) throw invalid(`Tag.${n}.Key`, 'Valid values of N: 1 to 20.');
    const key = get(t, 'Key');
    const value = t.get('Value');
    if (key === undefined) throw missing(`Tag.${n}.Key`);
    for (const [label, v] of [[`Tag.${n}.Key`, key], [`Tag.${n}.Value`, value]] as const) {
      if (v === undefined) continue;
      if (cpLen(v) > 128) throw invalid(label, 'Up to 128 characters.');
      if ((process.env.BLIND_TAG_CASE === '1' ? /^(aliyun|acs:|http:\/\/|https:\/\/)/ : /^(aliyun|acs:|http:\/\/|https:\/\/)/i).test(v)) throw invalid(label, 'It cannot start with aliyun, acs:, http:// or https://.');
    }
  }

  // Disks object
  const disksSysSize = intOf(p, 'Disks.System.Size', 20, 32768);
  boolOf(p, 'Disks.System.LVM');
  const dSysParts = listOf(p, 'Disks.System.Part');
  for (const [n, part] of dSysParts) { intOf(part, 'SizeBytes', 0); boolOf(part, 'Block'); void n; }
  const dData = listOf(p, 'Disks.Data');
  for (const [n, d] of dData) {
    intOf(d, 'Size'); // no range documented for Disks.Data.N.Size
    boolOf(d, 'LVM');
    void n;
    for (const [k] of d) {
      const m = /^Part\.(\d+)\.SizeBytes$/.exec(k);
      if (m) intOf(d, k, 0);
      const b = /^Part\.(\d+)\.Block$/.exec(k);
      if (b) boolOf(d, k);
    }
  }

  // "If the migration target is an image, the ImageName, SystemDiskSize, and DataDisk parameters are required."
  if (targetType === 'Image') {
    if (imageName === undefined) throw missing('ImageName');
    if (systemDiskSize === undefined) throw missing('SystemDiskSize');
  }
  // "For migrations over a VPC internal network, the VSwitchId parameter is required and the VpcId parameter is optional."
  if (netMode === 2 && vSwitchId === undefined) throw missing('VSwitchId');

  // resource references: a real service resolves them (seed 001: InstanceType "You can call the DescribeInstanceTypes operation
  // to query the instance types provided by ECS"; InstanceId "The ID of the destination instance")
  if (process.env.BLIND_REFS === '1') {
    const it = get(p, 'InstanceType');
    if (it !== undefined && !/^ecs\.[a-z0-9-]+\.[a-z0-9]+$/.test(it)) throw new ApiError(400, 'InvalidInstanceType.ValueNotSupported', `The specified InstanceType "${it}" is not an ECS instance type.`);
    const iid = get(p, 'InstanceId');
    if (iid !== undefined && process.env.BLIND_REFS_INSTANCE === '1') throw new ApiError(404, 'InvalidInstanceId.NotFound', `The specified instance "${iid}" does not exist.`);
  }
  // ---- state checks ----
  const source = sources.get(sourceId);
  if (!source) throw process.env.BLIND_SRC_400 === '1' ? invalid('SourceId', 'The source server does not exist.') : new ApiError(404, 'InvalidSourceId.NotFound', `The specified source server "${sourceId}" does not exist.`);
  if (vSwitchId !== undefined) {
    const vpcOf = vswitchVpc.get(vSwitchId);
    if (vpcOf === undefined) throw new ApiError(400, 'InvalidVSwitchId.NotFound', `The specified VSwitchId "${vSwitchId}" does not exist.`);
    if (vpcId !== undefined && vpcOf !== vpcId) throw new ApiError(400, 'VSwitchIdVpcId.Mismatch', 'The specified VSwitchId and VpcId does not match.');
  }
  if (targetType === 'Image' && (source.data.size > 0 || process.env.BLIND_DD_LITERAL === '1') && dataDisks.size === 0) throw missing('DataDisk.1.Index');
  for (const d of ddChecked) {
    if (d.index !== undefined && !source.data.has(d.index)) throw new ApiError(400, 'ReplicationJobDataDiskIndex.Invalid', 'The specified replication job contains data disk index not found in source server.');
    if (d.index !== undefined && d.size !== undefined && d.size <= source.data.get(d.index)!) throw invalid(`DataDisk.${d.n}.Size`, 'The value must be greater than the used space of the source data disk.');
  }
  if (systemDiskSize !== undefined && systemDiskSize <= source.sysUsed) throw invalid('SystemDiskSize', 'The value must be greater than the used space of the source system disk.');
  if (disksSysSize !== undefined && disksSysSize <= source.sysUsed) throw invalid('Disks.System.Size', 'The value must be greater than the used space of the source system disk.');

  const fingerprint = JSON.stringify([...p].filter(([k]) => !SIGNATURE_PARAMS.has(k)).sort());
  if (clientToken !== undefined) {
    for (const j of jobs.values()) {
      if (j.clientToken === clientToken) {
        if (j.fingerprint === fingerprint || process.env.BLIND_IDEM_LOOSE === '1') return { JobId: j.id };
        throw new ApiError(400, 'IdempotentParameterMismatch', 'The request uses the same client token as a previous, but non-identical request.');
      }
    }
  }
  if (source.state !== 'Available') throw new ApiError(400, 'SourceServerState.Invalid', `The specified source server status: ${source.state} is invalid. This operation can only be performed in the following status: Available.`);
  for (const j of jobs.values()) {
    if (j.sourceId === sourceId && INCOMPLETE.has(j.status)) throw new ApiError(400, 'SourceServerState.Invalid', `The specified source server status: InUse is invalid. This operation can only be performed in the following status: Available.`);
  }
  const holders = [...jobs.values(), ...(namesKept ? deletedJobs : [])];
  if (name !== undefined) for (const j of holders) if (j.name === name) throw new ApiError(400, 'ReplicationJobName.Duplicate', 'The specified replication job name already exists.');
  if (imageName !== undefined) for (const j of holders) if (j.imageName === imageName) throw new ApiError(400, 'ImageName.UsedByReplicationJob', `The specified imageName: "${imageName}" was used by another replication job in the current region.`);
  if (jobs.size >= QUOTA) throw new ApiError(400, 'QuotaExceeded.ReplicationJob', 'The maximum number of replication jobs is exceeded. Please submit a ticket to raise the quota.');

  const id = process.env.BLIND_JOBID_UUID === '1' ? randomUUID() : 'j-' + randomBytes(10).toString('hex');
  jobs.set(id, { id, name, imageName, sourceId, status: sst !== undefined ? 'Waiting' : 'Ready', clientToken, fingerprint, created: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'), regionId });
  return { JobId: id };
}

function deleteReplicationJob(p: Params): Record<string, unknown> {
  const regionId = get(p, 'RegionId');
  if (regionId === undefined) throw missing('RegionId');
  const jobId = get(p, 'JobId');
  if (jobId === undefined) throw missing('JobId');
  if (!jobs.has(jobId)) throw new ApiError(404, 'InvalidJobId.NotFound', `The specified JobId "${jobId}" does not exist.`);
  deletedJobs.push(jobs.get(jobId)!);
  jobs.delete(jobId);
  return {};
}

function describeReplicationJobs(p: Params): Record<string, unknown> {
  const regionId = get(p, 'RegionId');
  if (regionId === undefined) throw missing('RegionId');
  const pageNumber = intOf(p, 'PageNumber', 1) ?? 1;
  const pageSize = intOf(p, 'PageSize', 1, 50) ?? 10;
  const ids = [...listOf(p, 'JobId').values()].map((m) => m.get('')).filter(Boolean);
  const srcs = [...listOf(p, 'SourceId').values()].map((m) => m.get('')).filter(Boolean);
  const name = get(p, 'Name');
  const status = get(p, 'Status');
  let list = [...jobs.values()];
  if (ids.length) list = list.filter((j) => ids.includes(j.id));
  if (srcs.length) list = list.filter((j) => srcs.includes(j.sourceId));
  if (name) list = list.filter((j) => j.name === name);
  if (status) list = list.filter((j) => j.status === status);
  const page = list.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return {
    TotalCount: list.length, PageNumber: pageNumber, PageSize: pageSize,
    ReplicationJobs: { ReplicationJob: page.map((j) => ({ JobId: j.id, Name: j.name, ImageName: j.imageName, SourceId: j.sourceId, Status: j.status, CreationTime: j.created, RegionId: j.regionId })) },
  };
}

const SIGNATURE_PARAMS = new Set(['Action', 'Version', 'Format', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature', 'SecurityToken', 'SignatureType', 'BearerToken']);

const actions: Record<string, (p: Params) => Record<string, unknown>> = {
  CreateReplicationJob: createReplicationJob,
  DeleteReplicationJob: deleteReplicationJob,
  DescribeReplicationJobs: describeReplicationJobs,
};

function parseForm(s: string, into: Params) {
  // first occurrence of a repeated name wins
  for (const [k, v] of new URLSearchParams(s)) if (!into.has(k)) into.set(k, v);
}

// Transport behaviours HTTP allows: BLIND_GZIP=1 compresses every answer (a request without Accept-Encoding
// accepts any coding); BLIND_IDLE_MS=N closes a connection idle for N ms, with no Keep-Alive hint;
// BLIND_503_EVERY=N answers every Nth request 503 ServiceUnavailable with Retry-After (a passing overload).
const idleMs = Number(process.env.BLIND_IDLE_MS ?? 0);
const unavailableEvery = Number(process.env.BLIND_503_EVERY ?? 0);
let requests = 0;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const requestId = process.env.BLIND_REQID_PLAIN === '1' ? 'req' + randomBytes(6).toString('hex') : randomUUID().toUpperCase();
    const send = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      const gzip = process.env.BLIND_GZIP === '1';
      res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8', 'x-acs-request-id': requestId, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}), ...headers });
      res.end(gzip ? zlib.gzipSync(text) : text);
    };
    requests += 1;
    if (unavailableEvery > 0 && requests % unavailableEvery === 0) return send(503, { RequestId: requestId, HostId: HOST_ID, Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.' }, { 'Retry-After': '0' });
    const fail = (e: ApiError) => send(e.status, { RequestId: requestId, HostId: HOST_ID, Code: e.code, Message: e.message, Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(e.code)}&product=Smc&requestId=${requestId}` });
    const params: Params = new Map();
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      const ct = String(req.headers['content-type'] ?? '');
      // the form body first (it wins over the query for a name in both)
      if (body.length > 0 && (ct === '' || ct.includes('application/x-www-form-urlencoded'))) parseForm(body, params);
      parseForm(url.search.slice(1), params);
      if (req.method !== 'GET' && req.method !== 'POST') throw process.env.BLIND_405 === '1' ? new ApiError(405, 'UnsupportedHTTPMethod', `The HTTP method ${req.method} is not supported.`) : new ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
      if (url.pathname !== '/') throw new ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
      const action = params.get('Action') ?? (req.headers['x-acs-action'] as string | undefined);
      if (LOG) console.error(req.method, action, [...params].filter(([k]) => !SIGNATURE_PARAMS.has(k)).map(([k, v]) => `${k}=${v}`).join('&'));
      if (!action) throw missing('Action');
      const handler = actions[action];
      if (!handler) throw new ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
      const out = handler(params);
      send(200, process.env.BLIND_EXTRA === '1' ? { ...out, RequestId: requestId, Success: true, HostId: HOST_ID } : { RequestId: requestId, ...out });
    } catch (e) {
      if (e instanceof ApiError) fail(e);
      else { console.error(e); fail(new ApiError(500, 'InternalError', 'An error occurred while processing your request. Please try again. If the problem still exists, please submit a ticket.')); }
    }
  });
});

if (idleMs > 0) {
  server.keepAliveTimeout = 0;
  const idle = new WeakMap<import('node:net').Socket, NodeJS.Timeout>();
  server.on('request', (req, res) => {
    clearTimeout(idle.get(req.socket));
    res.on('finish', () => idle.set(req.socket, setTimeout(() => req.socket.destroy(), idleMs)));
  });
}

const port = Number(process.argv[2] ?? 0);
server.listen(port, '127.0.0.1', () => {
  const a = server.address();
  console.log(typeof a === 'object' && a ? a.port : port);
});
