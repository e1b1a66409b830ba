import type { Contract } from '../contract/load.ts';
import type { AlibabaSmcTarget } from '../profile/load-profile.ts';
import type { Expectation, Refusal } from './judge.ts';

/** A source server of the profile. */
export type Source = AlibabaSmcTarget['fixtures']['sources'][number];

/** A job as the model knows it. */
export interface ModelJob {
  readonly id: string;
  readonly sourceId: string;
  readonly name?: string;
  readonly imageName?: string;
  readonly token?: string;
  /** The request that created it, to tell a retry from a different request with the same token. */
  readonly request: string;
}

/** The documented state of an SMC target: what exists, so what each call must get. */
export interface SmcModel {
  readonly jobs: Map<string, ModelJob>;
  /** ClientToken → job created with it. */
  readonly tokens: Map<string, ModelJob>;
  /**
   * Jobs deleted in this sequence, by id: a token of theirs answered again creates nothing, and the
   * documents do not say whether deleting a job frees its Name, ImageName or quota slot at once.
   */
  readonly deleted: Map<string, ModelJob>;
}

/** A create call as the model sees it. */
export interface CreateCall {
  readonly source: Source;
  readonly name?: string;
  readonly imageName?: string;
  readonly token?: string;
  readonly dataDiskIndex?: number;
  /** The target data disk's size; past every source disk's used space unless set. */
  readonly dataDiskSize?: number;
  /** The target system disk's size; past the source's used space unless set. */
  readonly systemDiskSize?: number;
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly document: Readonly<Record<string, unknown>>;
}

/** What the docs say a create call gets: success, the same job again, or one of several documented errors. */
export type Prediction =
  | { readonly outcome: 'created' }
  | { readonly outcome: 'same-job'; readonly job: ModelJob }
  /** Several documented rules may refuse one call; the docs set no order among them, so any of their codes will do. */
  | { readonly outcome: 'refused'; readonly refusals: readonly Refusal[] }
  /** A used ClientToken with a different request: the docs are silent. */
  | { readonly outcome: 'undocumented'; readonly rule: string };

/** The stateful rules the model of SMC jobs knows: a contract with any of them gets the model's call sequences. */
export const smcModelRules: ReadonlySet<string> = new Set([
  'source-must-exist',
  'source-must-be-available',
  'one-incomplete-job-per-source',
  'unique-job-name',
  'image-name-used-by-job',
  'data-disk-index-exists',
  'disk-size-above-used',
  'vswitch-in-vpc',
  'job-quota',
  'client-token-idempotency',
]);

/**
 * Which refusals a rule without a documented code accepts. An unknown SourceId has no state to
 * speak of, so a refusal for state is as good as a validation one; a disk size is a parameter's
 * value, so only a validation refusal is about it. A code no catalogue lists counts where it names
 * the rule's parameter.
 */
const codelessAccepts: Readonly<Record<string, Pick<Refusal, 'accepts' | 'about'>>> = {
  'source-must-exist': { accepts: 'validation-or-state', about: ['/SourceId'] },
  'disk-size-above-used': { accepts: 'validation', about: ['/SystemDiskSize', '/DataDisk/*/Size'] },
};

/** The job quota the target is held to: the profile's, else the edition's documented one. */
export function quotaOf(contract: Contract, target: AlibabaSmcTarget): number {
  return target.quota ?? contract.document.stateful.find((s) => s.id === 'job-quota')?.limit ?? Infinity;
}

/** Predicts a create call from the model, by the contract's stateful rules. */
export function predictCreate(contract: Contract, target: AlibabaSmcTarget, model: SmcModel, call: CreateCall): Prediction {
  const earlier = call.token === undefined ? undefined : model.tokens.get(call.token);
  // The docs say a retry gets the first result; they say nothing of a different request, or of a retry after the job was deleted.
  if (earlier) return earlier.request === JSON.stringify(call.document) && model.jobs.has(earlier.id) ? { outcome: 'same-job', job: earlier } : { outcome: 'undocumented', rule: 'client-token-idempotency' };
  // Nor whether a deleted job's Name, ImageName or quota slot is free again at once: a service may keep them a while.
  const [live, gone] = [[...model.jobs.values()], [...model.deleted.values()]];
  const retired = (field: 'name' | 'imageName') => call[field] !== undefined && gone.some((j) => j[field] === call[field]) && !live.some((j) => j[field] === call[field]);
  if (retired('name')) return { outcome: 'undocumented', rule: 'unique-job-name' };
  if (retired('imageName')) return { outcome: 'undocumented', rule: 'image-name-used-by-job' };
  const quota = quotaOf(contract, target);
  if (model.jobs.size < quota && model.jobs.size + model.deleted.size >= quota) return { outcome: 'undocumented', rule: 'job-quota' };
  const refusals: Refusal[] = [];
  const refuse = (rule: string) => {
    const stateful = contract.document.stateful.find((s) => s.id === rule);
    if (!stateful) return;
    if (stateful.code !== null) refusals.push({ rule, code: stateful.code });
    else if (codelessAccepts[rule]) refusals.push({ rule, code: null, ...codelessAccepts[rule] });
  };
  // Nothing else can be said of a source that does not exist.
  if (!target.fixtures.sources.some((s) => s.id === call.source.id)) {
    refuse('source-must-exist');
    return { outcome: 'refused', refusals };
  }
  const jobs = [...model.jobs.values()];
  if (call.source.state !== 'Available') refuse('source-must-be-available');
  if (jobs.some((j) => j.sourceId === call.source.id)) refuse('one-incomplete-job-per-source');
  if (call.name !== undefined && jobs.some((j) => j.name === call.name)) refuse('unique-job-name');
  if (call.imageName !== undefined && jobs.some((j) => j.imageName === call.imageName)) refuse('image-name-used-by-job');
  const disk = call.dataDiskIndex === undefined ? undefined : (call.source.dataDisks ?? []).find((d) => d.index === call.dataDiskIndex);
  if (call.dataDiskIndex !== undefined && !disk) refuse('data-disk-index-exists');
  if ((call.systemDiskSize !== undefined && call.systemDiskSize <= call.source.systemDiskUsedGiB) || (disk && call.dataDiskSize !== undefined && call.dataDiskSize <= disk.usedGiB)) refuse('disk-size-above-used');
  if (call.vpcId !== undefined && call.vSwitchId !== undefined && !(target.fixtures.vpcs ?? []).some((v) => v.vpcId === call.vpcId && v.vSwitchIds.includes(call.vSwitchId!))) refuse('vswitch-in-vpc');
  if (model.jobs.size >= quotaOf(contract, target)) refuse('job-quota');
  return refusals.length > 0 ? { outcome: 'refused', refusals } : { outcome: 'created' };
}

/** What the judge holds a predicted call to, where the docs speak of it. `about`: the rules an allowed call's success tells about. */
export function expectationOf(prediction: Exclude<Prediction, { readonly outcome: 'undocumented' }>, about: readonly string[] = []): Expectation {
  switch (prediction.outcome) {
    case 'created':
      return { outcome: 'created', about };
    case 'same-job':
      return { outcome: 'same-job', jobId: prediction.job.id, rule: 'client-token-idempotency' };
    case 'refused':
      return { outcome: 'refused', refusals: prediction.refusals };
  }
}

/** Records a job the target created into the model. */
export function addJob(model: SmcModel, call: CreateCall, id: string): ModelJob {
  const job: ModelJob = { id, sourceId: call.source.id, request: JSON.stringify(call.document), ...(call.name !== undefined ? { name: call.name } : {}), ...(call.imageName !== undefined ? { imageName: call.imageName } : {}), ...(call.token !== undefined ? { token: call.token } : {}) };
  model.jobs.set(id, job);
  if (call.token !== undefined) model.tokens.set(call.token, job);
  return job;
}

/** Moves a job the target deleted from the live jobs to the deleted ones. */
export function removeJob(model: SmcModel, id: string): void {
  const job = model.jobs.get(id);
  if (!job) return;
  model.jobs.delete(id);
  model.deleted.set(id, job);
}

/** An empty model. */
export function emptyModel(): SmcModel {
  return { jobs: new Map(), tokens: new Map(), deleted: new Map() };
}

/**
 * The request document of a create call. The system disk size is given where the edition requires
 * it (2019) or the source's used space is past the smallest size a request may give; data disks get
 * the largest size, past any used space, unless the call sets them.
 */
export function createDocument(contract: Contract, target: AlibabaSmcTarget, call: Omit<CreateCall, 'document'>): Record<string, unknown> {
  const { source } = call;
  const systemDiskSize = call.systemDiskSize ?? (contract.document.edition === '2019' || source.systemDiskUsedGiB >= 20 ? Math.max(20, source.systemDiskUsedGiB + 1) : undefined);
  return {
    RegionId: target.regionId,
    SourceId: source.id,
    ...(systemDiskSize !== undefined ? { SystemDiskSize: systemDiskSize } : {}),
    ...(call.name !== undefined ? { Name: call.name } : {}),
    ...(call.imageName !== undefined ? { ImageName: call.imageName } : {}),
    ...(call.token !== undefined ? { ClientToken: call.token } : {}),
    ...(call.dataDiskIndex !== undefined ? { DataDisk: [{ Index: call.dataDiskIndex, Size: call.dataDiskSize ?? 32768 }] } : {}),
    ...(call.vpcId !== undefined ? { VpcId: call.vpcId } : {}),
    ...(call.vSwitchId !== undefined ? { VSwitchId: call.vSwitchId } : {}),
  };
}

/** A create call with its document. */
export function createCall(contract: Contract, target: AlibabaSmcTarget, call: Omit<CreateCall, 'document'>): CreateCall {
  return { ...call, document: createDocument(contract, target, call) };
}
