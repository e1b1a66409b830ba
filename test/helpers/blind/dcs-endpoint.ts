// A Huawei Cloud DCS v2 migration-task endpoint written from seeds 003 and 004 alone, never from our emulator
// or schemas: a conforming endpoint that reads the documents its own way (decision 006). BLIND_VARIANT
// (comma-separated) switches on other behaviours the documents allow. Listens on 127.0.0.1 only; prints its
// port on stdout. Usage: node dcs-endpoint.ts [port] [logfile]
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

const port = Number(process.argv[2] ?? 0);
const logFile = process.argv[3];
const PROJECT = '0b2c3d4e5f60718293a4b5c6d7e8f901';
// behaviour variants (comma-separated in env BLIND_VARIANT)
const V = new Set((process.env.BLIND_VARIANT ?? '').split(',').filter(Boolean));
console.error('variants:', [...V].join(',') || '(none)');

// "Existing" resources of this fake region (same ids as the profile's fixtures)
const REDIS: Record<string, string> = {
  '4cd5dbb8-aacd-4603-b817-3e97d48c7a20': 'dcs-test',
  '7a1f0c52-3b8e-4d6a-9c0e-2f4b6d8e0a13': 'dcs-target-2',
};
const VPCS: Record<string, { subnets: string[] }> = {
  '5e37b3be-950a-48e1-b498-65b63d336481': { subnets: ['40f15ed6-7f85-49d5-ba0e-65b940d4812c'] },
};
const SGS = new Set(['9df96622-24b7-4813-84b8-ab74552a21d7']);

type Task = { id: string; kind: 'migration' | 'online'; name: string; taskName?: string; status: string; created: string };
const tasks = new Map<string, Task>();
// Variant namekept: task names are unique, and a deleted task's name stays taken (the documents say neither way).
const deletedTasks: Task[] = [];

class ApiError extends Error {
  status: number;
  code: string;
  constructor(status: number, code: string, msg: string) { super(msg); this.status = status; this.code = code; }
}
const SPECIFIC: Record<string, [string, string]> = {
  vpc_id: ['DCS.4013', 'Invalid vpc_id in the request.'],
  security_group_id: ['DCS.4014', 'Invalid security_group_id in the request.'],
  subnet_id: ['DCS.4016', 'Invalid subnet_id in the request.'],
  'target_instance.id': ['DCS.4061', 'Invalid instance ID format.'],
};
const invalidParam = (p: string, kind: 'missing' | 'invalid' = 'invalid') => {
  if (V.has('specific') && SPECIFIC[p]) return new ApiError(400, SPECIFIC[p][0], SPECIFIC[p][1]);
  let shown = V.has('leaf') ? p.replace(/\[\d+\]/g, '').split('.').pop()! : p;
  if (V.has('parent')) shown = p.split(/[.[]/)[0] ?? p;
  if (V.has('camel')) shown = shown.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  if (V.has('literal')) shown = '{0}';
  if (V.has('body')) shown = 'body';
  if (V.has('pointer')) shown = '/' + p.replace(/\[(\d+)\]/g, '.$1').split('.').join('/');
  if (V.has('dollar')) shown = '$.' + p;
  if (V.has('specific')) return kind === 'missing'
    ? new ApiError(400, 'DCS.4800', `Invalid ${shown} in the request.`)
    : new ApiError(400, 'DCS.4063', `Invalid ${shown} parameter in the request.`);
  return new ApiError(400, 'DCS.4062', `Invalid ${shown} parameter in the request.`);
};

function send(res: http.ServerResponse, status: number, body: unknown, reqId: string) {
  const text = V.has('pretty') ? JSON.stringify(body, null, 2) : JSON.stringify(body);
  if (V.has('chunked')) {
    res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'X-Request-Id': reqId, 'Transfer-Encoding': 'chunked' });
    res.write(text.slice(0, 5)); res.end(text.slice(5)); return;
  }
  if (V.has('noreqid')) { res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' }); res.end(text); return; }
  if (V.has('del204') && body && typeof body === 'object' && 'task_id_list' in (body as Obj) && status === 200) { res.writeHead(204, { 'X-Request-Id': reqId }); res.end(); return; }
  res.writeHead(status, {
    'Content-Type': V.has('ct-plain') ? 'application/json; charset=utf-8' : 'application/json;charset=UTF-8',
    'X-Request-Id': V.has('reqid-uuid') ? randomUUID() : reqId,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, e: ApiError, reqId: string) {
  // error_ext_msg: "not used currently and is set to null" -> send it as null for 4xx validation,
  // and leave it out otherwise (fields of a Huawei response table are not marked mandatory).
  const body: Record<string, unknown> = { error_msg: e.message, error_code: e.code };
  if (V.has('ext') || (!V.has('noext') && e.status === 400)) body.error_ext_msg = null;
  if (V.has('gw') && e.code.startsWith('APIGW')) { delete body.error_ext_msg; body.request_id = reqId; }
  send(res, e.status, body, reqId);
}

// ---- validation helpers ---------------------------------------------------------------
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function reqString(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (v === undefined || v === null) throw invalidParam(path, 'missing');
  if (typeof v !== 'string') throw invalidParam(path);
  if (v.trim() === '') throw invalidParam(path); // mandatory => must carry a value
  return v;
}
function optString(o: Obj, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === null && V.has('nullwrong')) throw invalidParam(path);
  if (v === undefined || v === null) return undefined; // null on an optional field = not given
  if (typeof v !== 'string') throw invalidParam(path);
  return v;
}
function optEnum(o: Obj, key: string, path: string, values: string[]): string | undefined {
  const v = optString(o, key, path);
  if (v !== undefined && !values.includes(v)) throw invalidParam(path);
  return v;
}
function reqEnum(o: Obj, key: string, path: string, values: string[]): string {
  const v = reqString(o, key, path);
  if (!values.includes(v)) throw invalidParam(path);
  return v;
}
function optObj(o: Obj, key: string, path: string): Obj | undefined {
  const v = o[key];
  if (v === null && V.has('nullwrong')) throw invalidParam(path);
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw invalidParam(path);
  return v;
}
function reqObj(o: Obj, key: string, path: string): Obj {
  const v = o[key];
  if (v === undefined || v === null) throw invalidParam(path, 'missing');
  if (!isObj(v)) throw invalidParam(path);
  return v;
}
function validDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (!m) return false;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || se > 59 || d < 1) return false;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= dim;
}

// ---- operations ---------------------------------------------------------------------
function createMigrationTask(body: Obj): { status: number; body: Obj } {
  const taskName = reqString(body, 'task_name', 'task_name');
  optString(body, 'description', 'description');
  const type = reqEnum(body, 'migration_type', 'migration_type', ['backupfile_import', 'online_migration']);
  if (V.has('withdrawn') && type === 'online_migration') throw invalidParam('migration_type');
  if ((V.has('dupname') || V.has('namekept')) && [...tasks.values(), ...(V.has('namekept') ? deletedTasks : [])].some((t) => t.kind === 'migration' && t.taskName === taskName))
    throw new ApiError(400, 'DCS.4957', 'This operation is not allowed when the task is in the current state.');
  reqEnum(body, 'migration_method', 'migration_method', ['full_amount_migration', 'incremental_migration']);
  const backup = optObj(body, 'backup_files', 'backup_files');
  if (backup) {
    const src = optEnum(backup, 'file_source', 'backup_files.file_source', ['self_build_obs', 'backup_record']);
    reqString(backup, 'bucket_name', 'backup_files.bucket_name');
    const files = backup.files;
    if (files === undefined || files === null) {
      // text: "数据来源为OBS桶时必须填写" -> only needed for an OBS bucket source
      if (src !== 'backup_record') throw invalidParam(V.has('condname') ? 'backup_files.file_source' : 'backup_files.files');
    } else {
      if (!Array.isArray(files)) throw invalidParam('backup_files.files');
      if (V.has('emptyfiles') && files.length === 0 && src !== 'backup_record') throw invalidParam('backup_files.files');
      files.forEach((f, i) => {
        const p = `backup_files.files[${i}]`;
        if (!isObj(f)) throw invalidParam(p);
        reqString(f, 'file_name', `${p}.file_name`);
        optString(f, 'size', `${p}.size`); // "文件大小（单位：Byte）" - no format given, any string
        const upd = optString(f, 'update_at', `${p}.update_at`);
        if (upd !== undefined && !validDateTime(upd)) throw invalidParam(`${p}.update_at`);
      });
    }
    const backupId = optString(backup, 'backup_id', 'backup_files.backup_id');
    if (src === 'backup_record' && (backupId === undefined || backupId === '')) throw invalidParam(V.has('condname') ? 'backup_files.file_source' : 'backup_files.backup_id');
  }
  optEnum(body, 'network_type', 'network_type', ['vpc', 'vpn']);
  const source = optObj(body, 'source_instance', 'source_instance');
  if (source) {
    reqString(source, 'addrs', 'source_instance.addrs');
    optString(source, 'password', 'source_instance.password');
  } else if (type === 'online_migration') {
    throw invalidParam(V.has('condname') ? 'migration_type' : 'source_instance');
  }
  if (V.has('bfreq') && type === 'backupfile_import' && !backup) throw invalidParam('backup_files', 'missing');
  if (V.has('len64') && taskName.length > 64) throw invalidParam('task_name');
  const target = reqObj(body, 'target_instance', 'target_instance');
  const targetId = reqString(target, 'id', 'target_instance.id');
  const targetName = optString(target, 'name', 'target_instance.name');
  optString(target, 'password', 'target_instance.password');
  if (!(targetId in REDIS)) throw V.has('inst400')
    ? new ApiError(400, 'DCS.4062', 'Invalid target_instance.id parameter in the request.')
    : new ApiError(404, 'DCS.3022', 'This DCS instance does not exist.');

  const id = V.has('iduuid') ? randomUUID() : randomBytes(16).toString('hex');
  // the documented example answers with the target instance's name ("dcs-test"), not the task name
  const name = V.has('taskname') ? taskName : targetName ?? REDIS[targetId] ?? taskName;
  const status = V.has('status') ? (type === 'online_migration' ? 'TERMINATED' : 'FAILED') : type === 'online_migration' ? 'MIGRATING' : 'SUCCESS';
  tasks.set(id, { id, kind: 'migration', name, taskName, status, created: new Date().toISOString() });
  return { status: 200, body: { id, name, status } };
}

function createOnlineMigrationTask(body: Obj): { status: number; body: Obj } {
  const name = reqString(body, 'name', 'name');
  optString(body, 'description', 'description');
  const vpcId = reqString(body, 'vpc_id', 'vpc_id');
  const subnetId = reqString(body, 'subnet_id', 'subnet_id');
  const sgId = reqString(body, 'security_group_id', 'security_group_id');
  const vpc = VPCS[vpcId];
  if (!vpc) throw V.has('vpc404') ? new ApiError(404, 'DCS.4001', 'The requested URL does not exist.') : new ApiError(400, 'DCS.4068', 'The VPC does not exist.');
  if (!vpc.subnets.includes(subnetId)) throw new ApiError(400, 'DCS.4018', 'This subnet must exist in the VPC.');
  if (!SGS.has(sgId)) throw new ApiError(400, 'DCS.4046', 'The security group does not exist.');
  const id = V.has('idhex') ? randomBytes(16).toString('hex') : randomUUID();
  tasks.set(id, { id, kind: 'online', name, status: 'RUNNING', created: new Date().toISOString() });
  return { status: 200, body: { instance_id: id } };
}

function deleteMigrationTasks(body: Obj): { status: number; body: Obj } {
  const list = body.task_id_list;
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string')) throw invalidParam('task_id_list');
  const deleted: string[] = [];
  for (const id of list as string[]) {
    const task = tasks.get(id);
    if (task && tasks.delete(id)) {
      deleted.push(id);
      deletedTasks.push(task);
    }
  }
  return { status: 200, body: { task_id_list: deleted } };
}

function showTask(id: string): { status: number; body: Obj } {
  const t = tasks.get(id);
  if (!t) throw new ApiError(404, 'DCS.4001', 'The requested URL does not exist.');
  return { status: 200, body: { task_id: t.id, task_name: t.name, status: t.status, created_at: t.created } };
}

// ---- HTTP --------------------------------------------------------------------------------
const MAX_BODY = 1 << 20;

const server = http.createServer((req, res) => {
  const reqId = randomBytes(16).toString('hex');
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY) tooBig = true;
    else chunks.push(c);
  });
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    let result: { status: number; body: Obj } | undefined;
    try {
      const parts = url.pathname.replace(/\/+$/, '').split('/').slice(1); // ['v2', pid, ...]
      if (parts[0] !== 'v2' || parts.length < 3) throw new ApiError(404, 'DCS.4001', 'The requested URL does not exist.');
      const pid = decodeURIComponent(parts[1] ?? '');
      const rest = parts.slice(2).join('/');
      const method = req.method ?? 'GET';
      const route =
        method === 'POST' && rest === 'migration-task' ? 'create' :
        method === 'POST' && rest === 'migration/instance' ? 'online' :
        method === 'DELETE' && rest === 'migration-tasks/delete' ? 'delete' :
        method === 'GET' && /^migration-task\/[^/]+$/.test(rest) ? 'show' :
        undefined;
      if (!route) throw V.has('gw')
        ? new ApiError(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment.')
        : new ApiError(404, 'DCS.4001', 'The requested URL does not exist.');
      if (!/^[0-9a-f]{32}$/.test(pid)) throw new ApiError(400, 'DCS.4002', 'Invalid project ID format.');
      if (pid !== PROJECT) throw V.has('project401')
        ? new ApiError(401, 'DCS.1004', 'Project ID does not match the token.')
        : new ApiError(404, 'DCS.4001', 'The requested URL does not exist.');
      if (route === 'show') {
        result = showTask(decodeURIComponent(rest.split('/')[1] ?? ''));
      } else {
        if (tooBig) throw new ApiError(400, 'DCS.4005', 'The message body contains invalid characters or is not in JSON format.');
        if (raw.trim() === '') throw new ApiError(400, 'DCS.4004', 'Empty request body.');
        let body: unknown;
        try { body = JSON.parse(raw); } catch {
          throw new ApiError(400, 'DCS.4005', 'The message body contains invalid characters or is not in JSON format.');
        }
        if (!isObj(body)) throw new ApiError(400, 'DCS.4005', 'The message body contains invalid characters or is not in JSON format.');
        result = route === 'create' ? createMigrationTask(body) : route === 'online' ? createOnlineMigrationTask(body) : deleteMigrationTasks(body);
      }
      send(res, result.status, result.body, reqId);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(500, 'DCS.5000', 'Internal service error.');
      sendError(res, err, reqId);
      result = { status: err.status, body: { error_code: err.code, error_msg: err.message } };
    }
    if (logFile) {
      appendFileSync(logFile, JSON.stringify({
        t: new Date().toISOString(), method: req.method, url: req.url,
        ct: req.headers['content-type'], hdrs: Object.keys(req.headers), body: raw.length > 2000 ? raw.slice(0, 2000) + `...(${size})` : raw,
        status: result?.status, resp: result?.body,
      }) + '\n');
    }
  });
});

server.listen(port, '127.0.0.1', () => {
  const a = server.address();
  console.log(typeof a === 'object' && a ? a.port : a);
});
