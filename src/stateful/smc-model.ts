import type { Contract } from '../contract/load.ts';
import type { AlibabaSmcTarget } from '../profile/load-profile.ts';

type Source = AlibabaSmcTarget['fixtures']['sources'][number];

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
  /** Jobs deleted in this sequence: a token of theirs answered again creates nothing. */
  readonly deleted: Set<string>;
}

/** A create call as the model sees it. */
export interface CreateCall {
  readonly source: Source;
  readonly name?: string;
  readonly imageName?: string;
  readonly token?: string;
  readonly dataDiskIndex?: number;
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly document: Readonly<Record<string, unknown>>;
}

/** What the docs say a create call gets: success, the same job again, or one of several documented errors. */
export type Prediction =
  | { readonly outcome: 'created' }
  | { readonly outcome: 'same-job'; readonly job: ModelJob }
  /** Several documented rules may refuse one call; the docs set no order among them, so any of their codes will do. */
  | { readonly outcome: 'refused'; readonly refusals: readonly { readonly rule: string; readonly code: string }[] }
  /** A used ClientToken with a different request: the docs are silent. */
  | { readonly outcome: 'undocumented'; readonly rule: string };

/** The stateful rule of the contract with this id, or undefined where the edition documents none. */
function codeOf(contract: Contract, id: string): string | undefined {
  return contract.document.stateful.find((s) => s.id === id)?.code ?? undefined;
}

/** Predicts a create call from the model, by the contract's stateful rules. */
export function predictCreate(contract: Contract, target: AlibabaSmcTarget, model: SmcModel, call: CreateCall): Prediction {
  const earlier = call.token === undefined ? undefined : model.tokens.get(call.token);
  // The docs say a retry gets the first result; they say nothing of a different request, or of a retry after the job was deleted.
  if (earlier) return earlier.request === JSON.stringify(call.document) && model.jobs.has(earlier.id) ? { outcome: 'same-job', job: earlier } : { outcome: 'undocumented', rule: 'client-token-idempotency' };
  const refusals: { rule: string; code: string }[] = [];
  const refuse = (rule: string) => {
    const code = codeOf(contract, rule);
    if (code) refusals.push({ rule, code });
  };
  const jobs = [...model.jobs.values()];
  if (call.source.state !== 'Available') refuse('source-must-be-available');
  if (jobs.some((j) => j.sourceId === call.source.id)) refuse('one-incomplete-job-per-source');
  if (call.name !== undefined && jobs.some((j) => j.name === call.name)) refuse('unique-job-name');
  if (call.imageName !== undefined && jobs.some((j) => j.imageName === call.imageName)) refuse('image-name-used-by-job');
  if (call.dataDiskIndex !== undefined && !(call.source.dataDisks ?? []).some((d) => d.index === call.dataDiskIndex)) refuse('data-disk-index-exists');
  if (call.vpcId !== undefined && call.vSwitchId !== undefined && !(target.fixtures.vpcs ?? []).some((v) => v.vpcId === call.vpcId && v.vSwitchIds.includes(call.vSwitchId!))) refuse('vswitch-in-vpc');
  const quota = contract.document.stateful.find((s) => s.id === 'job-quota');
  if (model.jobs.size >= (target.quota ?? quota?.limit ?? Infinity)) refuse('job-quota');
  return refusals.length > 0 ? { outcome: 'refused', refusals } : { outcome: 'created' };
}

/** An empty model. */
export function emptyModel(): SmcModel {
  return { jobs: new Map(), tokens: new Map(), deleted: new Set() };
}
