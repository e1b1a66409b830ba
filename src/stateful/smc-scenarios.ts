import type { SchemaNode } from '../contract/schema-node.ts';
import { uniqueToken } from '../adapters/index.ts';
import { callFinding, type StatefulContext } from './context.ts';
import { familyOf } from './ledger.ts';
import { createCall, emptyModel, predictCreate, quotaOf, type CreateCall, type SmcModel, type Source } from './smc-model.ts';
import { cleanUpTrail, createStep, mismatchFamily, newTrail, smcConfig, type StepOutcome, type StepSite, type Trail } from './smc-steps.ts';

/** Jobs a directed quota scenario may create at most: a quota above it is not tested (we never create 1,000 jobs). */
export const quotaCap = 50;

const check = 'stateful-scenario';

/** A deterministic scenario that builds the state a rule needs and makes the one call the rule decides; or why it cannot be built. */
export type ScenarioPlan = { readonly notTestable: string } | { readonly run: (scenario: Scenario) => Promise<void> };

/**
 * One directed scenario's calls, from an empty model: each call is held to the model; the first
 * call that breaks the documents (a finding) or says nothing (inconclusive) ends it, and what it
 * created is deleted after it.
 */
export class Scenario {
  readonly context: StatefulContext;
  readonly rule: string;
  readonly model: SmcModel = emptyModel();
  readonly trail: Trail;
  readonly #site: StepSite;
  #over = false;

  constructor(context: StatefulContext, rule: string) {
    this.context = context;
    this.rule = rule;
    this.trail = newTrail(`${context.api}#${rule}`);
    this.#site = { home: familyOf(rule), check };
  }

  /** Whether the scenario ended early. */
  get over(): boolean {
    return this.#over || this.trail.stopped !== undefined;
  }

  /**
   * Sends a create: `about` the rules its success tells about; `refusedBy` the rule the scenario
   * built the state for, which the model must name among the call's refusals (else the scenario is wrong).
   * Resolves to the created JobId, true for an expected refusal, or undefined when the scenario ended.
   */
  async create(shape: Omit<CreateCall, 'document'>, options: { about?: readonly string[]; refusedBy?: string } = {}): Promise<string | true | undefined> {
    if (this.over) return undefined;
    const config = smcConfig(this.context);
    const call = createCall(this.context.contract, config, shape);
    if (options.refusedBy) {
      const prediction = predictCreate(this.context.contract, config, this.model, call);
      if (prediction.outcome !== 'refused' || !prediction.refusals.some((r) => r.rule === options.refusedBy)) throw new Error(`the ${this.rule} scenario does not break ${options.refusedBy}: ${JSON.stringify(prediction)}`);
    }
    return this.#settle(await createStep(this.context, this.model, this.trail, call, { ...this.#site, ...(options.about ? { about: options.about } : {}) }));
  }

  /** Sends several identical creates at once (retries); resolves to the JobIds, or undefined when the scenario ended. */
  async createAtOnce(shape: Omit<CreateCall, 'document'> & { token: string }, copies: number): Promise<(string | true)[] | undefined> {
    if (this.over) return undefined;
    const call = createCall(this.context.contract, smcConfig(this.context), shape);
    const outcomes = await Promise.all(Array.from({ length: copies }, () => createStep(this.context, this.model, this.trail, call, this.#site)));
    const settled = outcomes.map((o) => this.#settle(o));
    return settled.every((s) => s !== undefined) ? (settled as (string | true)[]) : undefined;
  }

  #settle(outcome: StepOutcome): string | true | undefined {
    if (outcome.kind === 'answered') return outcome.judgement.jobId ?? true;
    if (outcome.kind === 'mismatch' && !this.#over) {
      const { mismatch } = outcome;
      this.context.ledger.finding(
        callFinding(
          this.context,
          {
            check,
            code: mismatch.code,
            severity: mismatch.severity,
            // A refusal of a call that only built the state names no rule: it is this scenario's.
            family: mismatch.rule === 'sequences' ? familyOf(this.rule) : mismatchFamily(mismatch),
            caseId: this.trail.caseId,
            message: `${mismatch.message.replace(/\.$/, '')} (directed scenario for ${this.rule}, call ${this.trail.calls.length}).`,
            documented: mismatch.documented,
            received: mismatch.received,
          },
          this.trail.calls,
        ),
      );
    }
    this.#over = true;
    return undefined;
  }

  /** Deletes what the scenario created. */
  async finish(): Promise<void> {
    await cleanUpTrail(this.context, this.trail, this.#site.home);
  }
}

/** The smallest and largest sizes the request schema allows at a path of properties (`items` crossed). */
function sizeRange(schema: SchemaNode, path: readonly string[]): { min: number; max: number } {
  let node: SchemaNode | undefined = schema;
  for (const key of path) {
    const n = node as { properties?: Record<string, SchemaNode>; items?: SchemaNode } | undefined;
    node = n?.properties?.[key] ?? (n?.items as { properties?: Record<string, SchemaNode> } | undefined)?.properties?.[key];
  }
  const bounds = node as { minimum?: number; maximum?: number } | undefined;
  return { min: bounds?.minimum ?? 20, max: bounds?.maximum ?? 32768 };
}

/** The directed scenario of each SMC stateful rule, or why the fixtures or the documents do not allow one. */
export function smcScenarios(context: StatefulContext): Map<string, ScenarioPlan> {
  const { contract } = context;
  const config = smcConfig(context);
  const sources = config.fixtures.sources;
  const available = sources.filter((s) => s.state === 'Available');
  const vpcs = config.fixtures.vpcs ?? [];
  const mark = uniqueToken(12).replace(/[^A-Za-z0-9-]/g, '');
  const fewer = (needed: number, what: string): string => `not testable with these fixtures: ${what} needs ${needed} Available source${needed === 1 ? '' : 's'}, the profile has ${available.length}`;
  const plans = new Map<string, ScenarioPlan>();

  const quota = quotaOf(contract, config);
  plans.set(
    'job-quota',
    available.length < quota + 1
      ? { notTestable: `${fewer(quota + 1, `quota ${quota}`)}${quota > quotaCap ? ` (and a run creates at most ${quotaCap} jobs)` : ''}` }
      : quota > quotaCap
        ? { notTestable: `not testable: quota ${quota} needs ${quota + 1} jobs, and a run creates at most ${quotaCap} (give the profile the quota the account has left, if smaller)` }
        : {
            // The quota counts the account's jobs: the profile's quota is taken as what the account has left.
            run: async (s) => {
              for (const source of available.slice(0, quota)) if ((await s.create({ source }, { about: ['job-quota'] })) === undefined) return;
              await s.create({ source: available[quota]! }, { refusedBy: 'job-quota' });
            },
          },
  );

  const notAvailable = sources.find((s) => s.state !== 'Available');
  plans.set('source-must-be-available', notAvailable ? { run: async (s) => void (await s.create({ source: notAvailable }, { refusedBy: 'source-must-be-available' })) } : { notTestable: 'not testable with these fixtures: the profile has no source that is not Available' });

  plans.set(
    'one-incomplete-job-per-source',
    available.length < 1
      ? { notTestable: fewer(1, 'a source busy with a job') }
      : {
          run: async (s) => {
            if ((await s.create({ source: available[0]! })) !== undefined) await s.create({ source: available[0]! }, { refusedBy: 'one-incomplete-job-per-source' });
          },
        },
  );

  const twoJobs = (field: 'name' | 'imageName', value: string, rule: string): ScenarioPlan =>
    available.length < 2
      ? { notTestable: fewer(2, `${field === 'name' ? 'a name' : 'an ImageName'} in use by another job`) }
      : {
          run: async (s) => {
            const reused = field === 'name' ? { name: value } : { imageName: value };
            if ((await s.create({ source: available[0]!, ...reused })) !== undefined) await s.create({ source: available[1]!, ...reused }, { refusedBy: rule });
          },
        };
  plans.set('unique-job-name', twoJobs('name', `dirJob-${mark}`, 'unique-job-name'));
  plans.set('image-name-used-by-job', twoJobs('imageName', `dirImage-${mark}`, 'image-name-used-by-job'));
  // 2019 documents no error for an ImageName in use: an existing image's name only gets the JobId appended while the job runs, which no create answer shows.
  plans.set('image-name-unique-in-region', { notTestable: 'not testable: the documents give no error for it, and its effect (the JobId appended to the image name while the job runs) shows in no CreateReplicationJob answer' });

  const lacking = available.map((source) => ({ source, index: Array.from({ length: 16 }, (_, i) => i + 1).find((i) => !(source.dataDisks ?? []).some((d) => d.index === i)) })).find((x) => x.index !== undefined);
  plans.set(
    'data-disk-index-exists',
    lacking ? { run: async (s) => void (await s.create({ source: lacking.source, dataDiskIndex: lacking.index! }, { refusedBy: 'data-disk-index-exists' })) } : { notTestable: 'not testable with these fixtures: every Available source has all 16 data disks, so no index is missing' },
  );

  const vpc = vpcs.find((v) => v.vSwitchIds.length > 0 && vpcs.some((o) => o.vSwitchIds.some((sw) => !v.vSwitchIds.includes(sw))));
  const foreign = vpc && vpcs.flatMap((o) => o.vSwitchIds).find((sw) => !vpc.vSwitchIds.includes(sw));
  plans.set(
    'vswitch-in-vpc',
    available.length < 1 || !vpc || !foreign
      ? { notTestable: available.length < 1 ? fewer(1, 'a create with a VPC') : 'not testable with these fixtures: the profile needs a VPC with a vSwitch and a vSwitch of another VPC' }
      : {
          // The mismatch first (it creates nothing), then the VPC's own vSwitch on the same source: allowed.
          run: async (s) => {
            if ((await s.create({ source: available[0]!, vpcId: vpc.vpcId, vSwitchId: foreign }, { refusedBy: 'vswitch-in-vpc' })) === undefined) return;
            await s.create({ source: available[0]!, vpcId: vpc.vpcId, vSwitchId: vpc.vSwitchIds[0]! }, { about: ['vswitch-in-vpc'] });
          },
        },
  );

  // No code: the rule is tested by retries, whose answers must name the first call's job.
  plans.set(
    'client-token-idempotency',
    available.length < 1
      ? { notTestable: fewer(1, 'a ClientToken retry') }
      : {
          run: async (s) => {
            const shape = { source: available[0]!, token: uniqueToken(24), name: `dirToken-${mark}` };
            if ((await s.create(shape)) === undefined) return;
            if ((await s.create(shape)) === undefined) return;
            await s.createAtOnce(shape, 3);
          },
        },
  );

  // No code: a size at the used space (not above it) must get a validation refusal, whatever its code.
  const system = sizeRange(contract.requestSchema, ['SystemDiskSize']);
  const data = sizeRange(contract.requestSchema, ['DataDisk', 'Size']);
  const fullSystem = available.find((s) => s.systemDiskUsedGiB >= system.min && s.systemDiskUsedGiB <= system.max);
  const fullData = available.flatMap((s) => (s.dataDisks ?? []).filter((d) => d.usedGiB >= data.min && d.usedGiB <= data.max).map((d) => ({ source: s, disk: d })))[0];
  plans.set(
    'disk-size-above-used',
    fullSystem
      ? { run: async (s) => void (await s.create({ source: fullSystem, systemDiskSize: fullSystem.systemDiskUsedGiB }, { refusedBy: 'disk-size-above-used' })) }
      : fullData
        ? { run: async (s) => void (await s.create({ source: fullData.source, dataDiskIndex: fullData.disk.index, dataDiskSize: fullData.disk.usedGiB }, { refusedBy: 'disk-size-above-used' })) }
        : { notTestable: `not testable with these fixtures: no Available source has a disk with ${system.min} GiB or more used, so no allowed size is at or under its used space` },
  );

  // No code: an id no source has must be refused, for validation or for state.
  const unknown: Source = { id: `s-conformance${mark.replace(/-/g, '')}`.slice(0, 32), state: 'Available', systemDiskUsedGiB: 0, dataDisks: [] };
  plans.set('source-must-exist', sources.some((s) => s.id === unknown.id) ? { notTestable: 'not testable: every id we would try names a source' } : { run: async (s) => void (await s.create({ source: unknown }, { refusedBy: 'source-must-exist' })) });

  return plans;
}
