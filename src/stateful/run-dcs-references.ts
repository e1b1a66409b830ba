import fc from 'fast-check';
import type { Finding } from '../checks/finding.ts';
import { parseBody } from '../checks/parse-body.ts';
import type { ApiId } from '../contract/apis.ts';
import { loadContract, type Contract } from '../contract/load.ts';
import { redactHeaders } from '../protocols/redact.ts';
import { toCurl, type WireRequest } from '../protocols/wire-request.ts';
import type { Target } from '../runner/target.ts';
import { send } from '../runner/transport.ts';
import { createdId, toCleanupWire, toWire } from '../runner/wire.ts';

type Dcs = Extract<Target, { vendor: 'huawei' }>;

/** Options of {@link runDcsReferences}. */
export interface DcsReferenceOptions {
  readonly api: ApiId;
  readonly target: Target;
  readonly seed: number;
  /** Calls sent. @default 30 */
  readonly calls?: number;
  readonly redact?: (text: string) => string;
  readonly signal?: AbortSignal;
}

/** A reference in a DCS body, pointing at a resource the profile has or at one that does not exist. */
interface Reference {
  readonly rule: string;
  readonly pointer: readonly string[];
  readonly known: string;
  readonly unknown: string;
}

function referencesOf(contract: Contract, target: Dcs): Reference[] {
  const fixtures = target.config.fixtures;
  const vpc = (fixtures.vpcs ?? []).find((v) => v.subnetIds.length > 0 && v.securityGroupIds.length > 0);
  const missing = '00000000-0000-4000-8000-00000000dead';
  if (contract.document.operation === 'CreateMigrationTask') return [{ rule: 'target-instance-exists', pointer: ['target_instance', 'id'], known: fixtures.redisInstances[0].id, unknown: missing }];
  if (!vpc) return [];
  return [
    { rule: 'vpc-exists', pointer: ['vpc_id'], known: vpc.vpcId, unknown: missing },
    { rule: 'subnet-in-vpc', pointer: ['subnet_id'], known: vpc.subnetIds[0] as string, unknown: missing },
    { rule: 'security-group-exists', pointer: ['security_group_id'], known: vpc.securityGroupIds[0] as string, unknown: missing },
  ];
}

function withValue(document: Record<string, unknown>, pointer: readonly string[], value: string): Record<string, unknown> {
  const copy = structuredClone(document);
  let node: Record<string, unknown> = copy;
  for (const key of pointer.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[pointer.at(-1) as string] = value;
  return copy;
}

/**
 * Referenced resources must exist: sends DCS creates whose references (target instance; VPC, subnet,
 * security group) each point at a fixture or at nothing, and holds every answer to the documented
 * rule. Accepting an unknown reference, or refusing known ones, is a violation; a refusal with
 * another code than the reference list gives is only noted (those codes are not in the seeds).
 */
export async function runDcsReferences(options: DcsReferenceOptions): Promise<{ findings: Finding[]; calls: number }> {
  const contract = loadContract(options.api);
  if (options.target.vendor !== 'huawei') throw new Error('runDcsReferences: needs a Huawei DCS target');
  const target = options.target as Dcs;
  const references = referencesOf(contract, target);
  const redact = options.redact ?? ((text: string) => text);
  const base: Record<string, unknown> =
    contract.document.operation === 'CreateMigrationTask'
      ? { task_name: 'reference-check', migration_type: 'online_migration', migration_method: 'full_amount_migration', source_instance: { addrs: '192.168.1.135:6379' }, target_instance: { id: '' } }
      : { name: 'reference-check', vpc_id: '', subnet_id: '', security_group_id: '' };
  const findings: Finding[] = [];
  let calls = 0;
  if (references.length === 0) return { findings, calls };
  const choices = fc.sample(fc.array(fc.boolean(), { minLength: references.length, maxLength: references.length }), { seed: options.seed, numRuns: options.calls ?? 30 });
  // Every reference known, and each one alone unknown, come first: the cases that tell most.
  const plans = [references.map(() => true), ...references.map((_, i) => references.map((__, j) => j !== i)), ...choices];
  for (const known of plans) {
    if (options.signal?.aborted) break;
    let document = base;
    references.forEach((reference, i) => (document = withValue(document, reference.pointer, known[i] ? reference.known : reference.unknown)));
    const exchange = await send(() => toWire(contract, target, document), { retries: 3 });
    calls += 1;
    if (!('response' in exchange)) continue;
    const body = parseBody(exchange.response, 'huawei');
    const { status } = exchange.response;
    const id = status < 300 ? createdId(contract, body.json) : undefined;
    if (id !== undefined && target.config.cleanup === 'api') await send(() => toCleanupWire(contract, target, id, document), { retries: 3 });
    const unknown = references.filter((_, i) => !known[i]);
    const codes = unknown.map((r) => contract.document.stateful.find((s) => s.id === r.rule)?.code).filter((c): c is string => typeof c === 'string');
    const finding = (rule: string, code: string, severity: Finding['severity'], message: string, documented: unknown): Finding => ({
      check: 'referenced-resources',
      code,
      severity,
      api: options.api,
      rule: `(stateful) ${rule}`,
      caseId: `${options.api}#references-${calls}`,
      message,
      documented,
      received: { status, code: body.errorCode },
      request: { ...exchange.request, url: redact(exchange.request.url), headers: redactHeaders(exchange.request.headers), ...(exchange.request.body === undefined ? {} : { body: redact(exchange.request.body) }) },
      response: { status, headers: redactHeaders(exchange.response.headers), body: redact(exchange.response.body), durationMs: Math.round(exchange.durationMs) },
      curl: redact(toCurl(exchange.request as WireRequest)),
      seed: options.seed,
    });
    if (unknown.length === 0 && status >= 300) findings.push(finding('references', 'rejected_known_references', 'violation', `Every reference names a fixture of the profile, yet the create got ${status} ${body.errorCode ?? ''}.`, { status: 200 }));
    else if (unknown.length > 0 && status < 300) findings.push(finding(unknown[0]!.rule, 'accepted_unknown_reference', 'violation', `${unknown.map((r) => r.pointer.join('.')).join(', ')} name${unknown.length === 1 ? 's' : ''} nothing that exists, yet the create was accepted.`, { status: '4xx', codes }));
    else if (unknown.length > 0 && !codes.includes(body.errorCode ?? '') && !findings.some((f) => f.code === 'other_reference_code'))
      findings.push(finding(unknown[0]!.rule, 'other_reference_code', 'info', `An unknown ${unknown.map((r) => r.pointer.join('.')).join(', ')} got ${status} ${body.errorCode ?? ''}; the reference list gives ${codes.join(' or ')}.`, { codes }));
  }
  return { findings, calls };
}
