import fc from 'fast-check';
import type { Finding, WireRequestRecord } from '../checks/finding.ts';
import { parseBody } from '../checks/parse-body.ts';
import type { ApiId } from '../contract/apis.ts';
import { loadContract, type Contract } from '../contract/load.ts';
import { redactHeaders } from '../protocols/redact.ts';
import { toCurl, type WireRequest } from '../protocols/wire-request.ts';
import type { AlibabaSmcTarget } from '../profile/load-profile.ts';
import { uniqueToken } from '../runner/bind.ts';
import type { Target } from '../runner/target.ts';
import { send } from '../runner/transport.ts';
import { toCleanupWire, toWire } from '../runner/wire.ts';
import { emptyModel, predictCreate, type CreateCall, type SmcModel } from './smc-model.ts';

/** Options of a stateful run against an SMC target. */
export interface StatefulOptions {
  readonly api: ApiId;
  readonly target: Target;
  readonly seed: number;
  /** Call sequences tried. @default 100 */
  readonly runs?: number;
  /** Calls per sequence at most. @default 12 */
  readonly maxCommands?: number;
  readonly redact?: (text: string) => string;
  /** Stops sending; what was created is still deleted. */
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** A call of a sequence as sent. */
interface Call {
  readonly request: WireRequest;
  readonly status?: number;
  readonly body: string;
}

/** The state one sequence works on: its calls, the jobs it created, the run-unique names it uses. */
interface Real {
  readonly calls: Call[];
  /** The last create's document, for the retry command. */
  last?: Record<string, unknown>;
  readonly created: Set<string>;
  readonly tokens: readonly string[];
  readonly notes: Finding[];
}

/** A call whose answer the model did not allow, by the stateful rule it concerns. */
class Mismatch extends Error {
  readonly rule: string;
  readonly expected: unknown;
  readonly received: unknown;
  constructor(rule: string, message: string, expected: unknown, received: unknown) {
    super(message);
    this.rule = rule;
    this.expected = expected;
    this.received = received;
  }
}

type Smc = Extract<Target, { vendor: 'alibaba' }>;
type Source = AlibabaSmcTarget['fixtures']['sources'][number];

const names = ['seqJobA', 'seqJobB'];
const imageNames = ['seqImageA', 'seqImageB'];

/** Runs calls against the target, logging each. */
function caller(contract: Contract, target: Smc, options: StatefulOptions) {
  return async (real: Real, request: () => WireRequest): Promise<{ status?: number; code?: string; jobId?: string }> => {
    const exchange = await send(request, { ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), retries: 3 });
    if (!('response' in exchange)) {
      real.calls.push({ request: exchange.request, body: exchange.failure.message });
      return {};
    }
    real.calls.push({ request: exchange.request, status: exchange.response.status, body: exchange.response.body });
    const body = parseBody(exchange.response, 'alibaba');
    const jobId = (body.json as { JobId?: unknown } | undefined)?.JobId;
    return { status: exchange.response.status, ...(body.errorCode ? { code: body.errorCode } : {}), ...(typeof jobId === 'string' ? { jobId } : {}) };
  };
}

/** Runs model-based call sequences (create and delete) against an SMC target and reports each minimal failing sequence. */
export async function runStateful(options: StatefulOptions): Promise<{ findings: Finding[]; sequences: number; calls: number }> {
  const contract = loadContract(options.api);
  if (options.target.vendor !== 'alibaba') throw new Error('runStateful: the stateful model covers the SMC targets');
  const target = options.target as Smc;
  const config = target.config;
  const redact = options.redact ?? ((text: string) => text);
  const call = caller(contract, target, options);
  const sources: readonly Source[] = config.fixtures.sources;
  const vpcs = config.fixtures.vpcs ?? [];
  let sequences = 0;
  let calls = 0;

  const documentOf = (c: Omit<CreateCall, 'document'>): Record<string, unknown> => ({
    RegionId: config.regionId,
    SourceId: c.source.id,
    ...(contract.document.edition === '2019' || c.source.systemDiskUsedGiB >= 20 ? { SystemDiskSize: Math.max(20, c.source.systemDiskUsedGiB + 1) } : {}),
    ...(c.name !== undefined ? { Name: c.name } : {}),
    ...(c.imageName !== undefined ? { ImageName: c.imageName } : {}),
    ...(c.token !== undefined ? { ClientToken: c.token } : {}),
    ...(c.dataDiskIndex !== undefined ? { DataDisk: [{ Index: c.dataDiskIndex, Size: 32768 }] } : {}),
    ...(c.vpcId !== undefined ? { VpcId: c.vpcId } : {}),
    ...(c.vSwitchId !== undefined ? { VSwitchId: c.vSwitchId } : {}),
  });

  class Create implements fc.AsyncCommand<SmcModel, Real> {
    readonly choice: { source: number; name: number; image: number; token: number; disk: 'none' | 'existing' | 'missing'; net: 'none' | 'match' | 'mismatch' };
    constructor(choice: Create['choice']) {
      this.choice = choice;
    }
    check = () => true;
    async run(model: SmcModel, real: Real): Promise<void> {
      if (options.signal?.aborted) return;
      const source = sources[this.choice.source % sources.length] as Source;
      const disks = source.dataDisks ?? [];
      const vpc = vpcs[0];
      const other = vpcs.find((v) => v.vpcId !== vpc?.vpcId && v.vSwitchIds.length > 0);
      const net = this.choice.net === 'match' && vpc?.vSwitchIds[0] ? { vpcId: vpc.vpcId, vSwitchId: vpc.vSwitchIds[0] } : this.choice.net === 'mismatch' && vpc && other ? { vpcId: vpc.vpcId, vSwitchId: other.vSwitchIds[0] as string } : {};
      const shape: Omit<CreateCall, 'document'> = {
        source,
        ...(this.choice.name < names.length ? { name: names[this.choice.name] as string } : {}),
        ...(contract.document.edition === 'current' && this.choice.image < imageNames.length ? { imageName: imageNames[this.choice.image] as string } : {}),
        ...(this.choice.token < real.tokens.length ? { token: real.tokens[this.choice.token] as string } : {}),
        ...(this.choice.disk === 'existing' && disks[0] ? { dataDiskIndex: disks[0].index } : this.choice.disk === 'missing' ? { dataDiskIndex: 16 } : {}),
        ...net,
      };
      if (shape.dataDiskIndex === 16 && disks.some((d) => d.index === 16)) return;
      const document = documentOf(shape);
      real.last = document;
      await createAndCheck(model, real, { ...shape, document });
    }
    toString(): string {
      return `create(${JSON.stringify(this.choice)})`;
    }
  }

  /** Sends a create and holds its answer to the model's prediction. */
  const createAndCheck = async (model: SmcModel, real: Real, created: CreateCall): Promise<void> => {
      const { source, document } = created;
      const shape = created;
      const prediction = predictCreate(contract, config, model, created);
      const answer = await call(real, () => toWire(contract, target, document));
      calls += 1;
      if (answer.jobId && answer.status === 200 && !model.deleted.has(answer.jobId)) real.created.add(answer.jobId);
      const received = { status: answer.status, code: answer.code, JobId: answer.jobId };
      switch (prediction.outcome) {
        case 'created': {
          if (answer.status !== 200) throw new Mismatch(ruleOfCode(contract, answer.code) ?? 'sequence', `The model allows this create, but it was refused with ${answer.status} ${answer.code ?? ''}.`, { status: 200 }, received);
          const job = { id: answer.jobId ?? '', sourceId: source.id, request: JSON.stringify(document), ...(shape.name ? { name: shape.name } : {}), ...(shape.imageName ? { imageName: shape.imageName } : {}), ...(shape.token ? { token: shape.token } : {}) };
          model.jobs.set(job.id, job);
          if (shape.token) model.tokens.set(shape.token, job);
          return;
        }
        case 'same-job':
          if (answer.status !== 200 || answer.jobId !== prediction.job.id)
            throw new Mismatch('client-token-idempotency', `A retry with the same ClientToken got ${answer.status} ${answer.code ?? answer.jobId ?? ''} instead of the first JobId ${prediction.job.id}.`, { status: 200, JobId: prediction.job.id }, received);
          return;
        case 'undocumented':
          if (real.notes.length === 0)
            real.notes.push(noteOf(`A used ClientToken with a different request got ${answer.status} ${answer.code ?? answer.jobId ?? ''}; the documents do not say what it should get.`, received));
          if (answer.status === 200 && answer.jobId && !model.jobs.has(answer.jobId) && !model.deleted.has(answer.jobId)) model.jobs.set(answer.jobId, { id: answer.jobId, sourceId: source.id, request: JSON.stringify(document), ...(shape.name ? { name: shape.name } : {}), ...(shape.imageName ? { imageName: shape.imageName } : {}) });
          return;
        case 'refused': {
          const codes = prediction.refusals.map((r) => r.code);
          if (answer.status === 200) throw new Mismatch(prediction.refusals[0]!.rule, `This create breaks ${prediction.refusals.map((r) => r.rule).join(', ')}, but it was accepted.`, { status: 400, codes }, received);
          if (!codes.includes(answer.code ?? '')) throw new Mismatch(prediction.refusals[0]!.rule, `This create breaks ${prediction.refusals.map((r) => r.rule).join(', ')}: expected ${codes.join(' or ')}, got ${answer.status} ${answer.code ?? ''}.`, { codes }, received);
        }
      }
  };

  const freeSource = (model: Readonly<SmcModel>): Source | undefined => sources.find((s) => s.state === 'Available' && ![...model.jobs.values()].some((j) => j.sourceId === s.id));

  /**
   * A create on an Available source without a job, optionally reusing the name or image name of a live
   * job: the model allows it unless that reuse (or the quota) forbids it, so each rule is met alone.
   */
  class CreateOnFreeSource implements fc.AsyncCommand<SmcModel, Real> {
    readonly reuse: 'nothing' | 'name' | 'imageName';
    constructor(reuse: CreateOnFreeSource['reuse']) {
      this.reuse = reuse;
    }
    check = (model: Readonly<SmcModel>) => freeSource(model) !== undefined && (this.reuse === 'nothing' || [...model.jobs.values()].some((j) => j[this.reuse as 'name' | 'imageName'] !== undefined));
    async run(model: SmcModel, real: Real): Promise<void> {
      if (options.signal?.aborted) return;
      const source = freeSource(model) as Source;
      const live = this.reuse === 'nothing' ? undefined : [...model.jobs.values()].find((j) => j[this.reuse as 'name' | 'imageName'] !== undefined);
      const shape = { source, ...(this.reuse === 'name' && live?.name ? { name: live.name } : {}), ...(this.reuse === 'imageName' && live?.imageName ? { imageName: live.imageName } : {}) };
      const document = documentOf(shape);
      real.last = document;
      await createAndCheck(model, real, { ...shape, document });
    }
    toString(): string {
      return `createOnFreeSource(${this.reuse})`;
    }
  }

  /** Sends the sequence's last create again, unchanged: with a ClientToken it must get the same job. */
  class Retry implements fc.AsyncCommand<SmcModel, Real> {
    check = () => true;
    async run(model: SmcModel, real: Real): Promise<void> {
      const document = real.last;
      if (!document || options.signal?.aborted) return;
      const source = sources.find((s) => s.id === document['SourceId']) as Source;
      const optional = (key: string) => (typeof document[key] === 'string' ? { [key]: document[key] as string } : {});
      const disk = Array.isArray(document['DataDisk']) ? { dataDiskIndex: (document['DataDisk'] as { Index: number }[])[0]?.Index } : {};
      await createAndCheck(model, real, {
        source,
        document,
        ...(optional('Name')['Name'] !== undefined ? { name: document['Name'] as string } : {}),
        ...(optional('ImageName')['ImageName'] !== undefined ? { imageName: document['ImageName'] as string } : {}),
        ...(optional('ClientToken')['ClientToken'] !== undefined ? { token: document['ClientToken'] as string } : {}),
        ...(optional('VpcId')['VpcId'] !== undefined ? { vpcId: document['VpcId'] as string } : {}),
        ...(optional('VSwitchId')['VSwitchId'] !== undefined ? { vSwitchId: document['VSwitchId'] as string } : {}),
        ...(disk.dataDiskIndex !== undefined ? { dataDiskIndex: disk.dataDiskIndex } : {}),
      });
    }
    toString(): string {
      return 'retry()';
    }
  }

  /** Sends the sequence's last create five times at once: with a ClientToken, every answer names the one job. */
  class ConcurrentRetry implements fc.AsyncCommand<SmcModel, Real> {
    check = () => true;
    async run(model: SmcModel, real: Real): Promise<void> {
      const document = real.last;
      const token = document?.['ClientToken'];
      if (!document || typeof token !== 'string' || options.signal?.aborted) return;
      const earlier = model.tokens.get(token);
      if (!earlier || !model.jobs.has(earlier.id) || earlier.request !== JSON.stringify(document)) return;
      const answers = await Promise.all(Array.from({ length: 5 }, () => call(real, () => toWire(contract, target, document))));
      calls += answers.length;
      for (const answer of answers) if (answer.status === 200 && answer.jobId) real.created.add(answer.jobId);
      const ids = new Set(answers.map((a) => `${a.status} ${a.jobId ?? a.code ?? ''}`));
      if (ids.size !== 1 || !ids.has(`200 ${earlier.id}`))
        throw new Mismatch('client-token-idempotency', `Five concurrent retries with the same ClientToken got ${[...ids].join(', ')} instead of 200 ${earlier.id} each.`, { status: 200, JobId: earlier.id }, [...ids]);
    }
    toString(): string {
      return 'concurrentRetry()';
    }
  }

  class Delete implements fc.AsyncCommand<SmcModel, Real> {
    readonly pick: number;
    constructor(pick: number) {
      this.pick = pick;
    }
    check = (model: Readonly<SmcModel>) => model.jobs.size > 0;
    async run(model: SmcModel, real: Real): Promise<void> {
      if (options.signal?.aborted) return;
      const job = [...model.jobs.values()][this.pick % model.jobs.size] as { id: string };
      const answer = await call(real, () => toCleanupWire(contract, target, job.id, { RegionId: config.regionId }));
      calls += 1;
      if (answer.status !== 200) throw new Mismatch('sequence', `Deleting job ${job.id} got ${answer.status} ${answer.code ?? ''}.`, { status: 200 }, { status: answer.status, code: answer.code });
      model.jobs.delete(job.id);
      model.deleted.add(job.id);
      real.created.delete(job.id);
    }
    toString(): string {
      return `delete(${this.pick})`;
    }
  }

  const noteOf = (message: string, received: unknown): Finding => ({
    check: 'idempotency',
    code: 'token_reused_with_other_request',
    severity: 'info',
    api: options.api,
    rule: 'client-token-idempotency',
    caseId: `${options.api}#stateful`,
    message,
    received,
    request: { method: 'POST', url: config.endpoint, headers: {} },
    curl: '',
    seed: options.seed,
  });

  const commands = fc.commands(
    [
      fc
        // Small pools of names, images and tokens make collisions likely; indexes past a pool mean "not given".
        // Mostly calls that should succeed, so that sequences reach states worth testing (quota, names in use).
        .record({
          source: fc.nat(sources.length - 1),
          name: fc.nat(names.length + 1),
          image: fc.nat(imageNames.length + 1),
          token: fc.nat(3),
          disk: fc.oneof({ arbitrary: fc.constant('none' as const), weight: 4 }, { arbitrary: fc.constant('existing' as const), weight: 2 }, { arbitrary: fc.constant('missing' as const), weight: 1 }),
          net: fc.oneof({ arbitrary: fc.constant('none' as const), weight: 4 }, { arbitrary: fc.constant('match' as const), weight: 2 }, { arbitrary: fc.constant('mismatch' as const), weight: 1 }),
        })
        .map((choice) => new Create(choice)),
      fc.nat(20).map((pick) => new Delete(pick)),
      fc.constant(new Retry()),
      fc.constant(new ConcurrentRetry()),
      fc.constantFrom('nothing' as const, 'name' as const, 'imageName' as const).map((reuse) => new CreateOnFreeSource(reuse)),
    ],
    // Long sequences: the interesting states (quota reached, a name taken) need several calls.
    { maxCommands: options.maxCommands ?? 12, size: 'max' },
  );

  const newReal = (): Real => ({ calls: [], created: new Set(), tokens: [uniqueToken(24), uniqueToken(24)], notes: [] });
  const cleanUp = async (real: Real) => {
    for (const id of real.created) await send(() => toCleanupWire(contract, target, id, { RegionId: config.regionId }), { retries: 3 });
    real.created.clear();
  };
  const notes: Finding[] = [];
  const property = fc.asyncProperty(commands, async (cmds) => {
    sequences += 1;
    const real = newReal();
    try {
      await fc.asyncModelRun(() => ({ model: emptyModel(), real }), cmds);
    } finally {
      notes.push(...real.notes);
      await cleanUp(real);
    }
  });
  const result = await fc.check(property, { seed: options.seed, numRuns: options.runs ?? 100 });
  if (!result.failed || !result.counterexample) return { findings: notes.slice(0, 1), sequences, calls };

  // Replay the shrunk sequence once more, to report each of its calls.
  const real = newReal();
  let mismatch: Mismatch | undefined;
  try {
    await fc.asyncModelRun(() => ({ model: emptyModel(), real }), result.counterexample[0]);
  } catch (error) {
    if (error instanceof Mismatch) mismatch = error;
    else throw error;
  } finally {
    await cleanUp(real);
  }
  const failure = mismatch ?? (result.errorInstance instanceof Mismatch ? result.errorInstance : undefined);
  const record = (request: WireRequest): WireRequestRecord => ({ method: request.method, url: redact(request.url), headers: redactHeaders(request.headers), ...(request.body === undefined ? {} : { body: redact(request.body) }) });
  const last = real.calls.at(-1);
  return {
    findings: [
      ...notes.slice(0, 1),
      {
        check: 'stateful-sequence',
        code: 'model_mismatch',
        severity: 'violation',
        api: options.api,
        rule: failure?.rule ?? 'sequence',
        caseId: `${options.api}#stateful`,
        message: `${failure?.message ?? String(result.errorInstance)} Minimal sequence: ${real.calls.length} call(s) (shrunk by fast-check, seed ${options.seed}, path ${result.counterexamplePath ?? ''}).`,
        ...(failure ? { documented: failure.expected, received: failure.received } : {}),
        request: last ? record(last.request) : { method: 'POST', url: config.endpoint, headers: {} },
        ...(last?.status !== undefined ? { response: { status: last.status, headers: {}, body: redact(last.body), durationMs: 0 } } : {}),
        curl: last ? redact(toCurl(last.request)) : '',
        seed: options.seed,
        sequence: real.calls.map((c) => ({ request: record(c.request), ...(c.status !== undefined ? { status: c.status } : {}), curl: redact(toCurl(c.request)) })),
      },
    ],
    sequences,
    calls,
  };
}

/** The stateful rule a documented code belongs to, if any. */
function ruleOfCode(contract: Contract, code: string | undefined): string | undefined {
  return code === undefined ? undefined : contract.document.stateful.find((s) => s.code === code)?.id;
}
