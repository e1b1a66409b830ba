import fc from 'fast-check';
import type { Finding } from '../checks/finding.ts';
import type { Contract } from '../contract/load.ts';
import { dcsTargetOf } from '../adapters/huawei-rest/index.ts';
import { uniqueToken } from '../adapters/index.ts';
import type { HuaweiDcsTarget } from '../profile/load-profile.ts';
import { toWire } from '../runner/wire.ts';
import { callFinding, serverErrorFinding, skipHalted, type StatefulContext } from './context.ts';
import { judge, type Expectation, type Refusal } from './judge.ts';
import { familyOf } from './ledger.ts';


const check = 'referenced-resources';
/** A resource id that names nothing. */
const missing = '00000000-0000-4000-8000-00000000dead';

/** Options of {@link runDcsReferences}. */
export interface DcsReferenceOptions {
  /** Random mixes of known and unknown references sent after the directed ones. @default 30 */
  readonly calls?: number;
}

/** A reference in a DCS body, pointing at a resource the profile has or at one that does not exist. */
interface Reference {
  readonly rule: string;
  readonly pointer: readonly string[];
  readonly known: string;
}

type Fixtures = HuaweiDcsTarget['fixtures'];
type Vpc = NonNullable<Fixtures['vpcs']>[number];

/** A VPC of the profile with a subnet and a security group to point at. */
function usableVpc(fixtures: Fixtures): Vpc | undefined {
  return (fixtures.vpcs ?? []).find((v) => v.subnetIds.length > 0 && v.securityGroupIds.length > 0);
}

/** The reference each stateful rule is about, by rule id: where it sits in the body and a fixture it may name. */
const referencePlugins: Readonly<Record<string, (fixtures: Fixtures) => Omit<Reference, 'rule'> | undefined>> = {
  'target-instance-exists': (fixtures) => ({ pointer: ['target_instance', 'id'], known: fixtures.redisInstances[0].id }),
  'vpc-exists': (fixtures) => {
    const vpc = usableVpc(fixtures);
    return vpc && { pointer: ['vpc_id'], known: vpc.vpcId };
  },
  'subnet-in-vpc': (fixtures) => {
    const subnet = usableVpc(fixtures)?.subnetIds[0];
    return subnet === undefined ? undefined : { pointer: ['subnet_id'], known: subnet };
  },
  'security-group-exists': (fixtures) => {
    const group = usableVpc(fixtures)?.securityGroupIds[0];
    return group === undefined ? undefined : { pointer: ['security_group_id'], known: group };
  },
};

/** Whether a contract has stateful rules about references the DCS checks know. */
export function hasDcsReferences(contract: Contract): boolean {
  return contract.document.stateful.some((s) => s.id in referencePlugins || s.id === 'project-exists');
}

/** The references of the operation's body, by its stateful rules, or why the fixtures have none to point at. */
function referencesOf(contract: Contract, config: HuaweiDcsTarget): Reference[] | string {
  const references: Reference[] = [];
  for (const rule of contract.document.stateful.map((s) => s.id).filter((id) => id in referencePlugins)) {
    const reference = referencePlugins[rule]?.(config.fixtures);
    if (!reference) return 'not testable with these fixtures: the profile has no VPC with a subnet and a security group';
    references.push({ rule, ...reference });
  }
  return references;
}

function withValue(document: Record<string, unknown>, pointer: readonly string[], value: string): Record<string, unknown> {
  const copy = structuredClone(document);
  let node: Record<string, unknown> = copy;
  for (const key of pointer.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[pointer.at(-1) as string] = value;
  return copy;
}

/**
 * The body the reference checks start from, before each reference is pointed at a fixture or at
 * nothing: valid under every reading of the documents, so that only the references decide the answer
 * (an online migration through CreateMigrationTask is a reading some documents withdraw).
 */
export function referenceCheckBase(contract: Contract, name = 'reference-check'): Record<string, unknown> {
  return contract.document.operation === 'CreateMigrationTask'
    ? {
        task_name: name,
        migration_type: 'backupfile_import',
        migration_method: 'full_amount_migration',
        backup_files: { file_source: 'self_build_obs', bucket_name: 'reference-check', files: [{ file_name: 'reference-check.rdb' }] },
        target_instance: { id: missing },
      }
    : { name, vpc_id: missing, subnet_id: missing, security_group_id: missing };
}

/** One call to send: the body's references, known or not, and the project it goes to. */
interface Plan {
  readonly known: readonly boolean[];
  /** Sent to a project that does not exist (project-exists). */
  readonly otherProject?: true;
}

/**
 * Referenced resources must exist: sends DCS creates whose references (target instance; VPC, subnet,
 * security group) each point at a fixture or at nothing, and one to a project that does not exist,
 * and holds every answer to the documented rules. Every known: success; any unknown: refused with one
 * of the unknown ones' codes (the docs set no order). Answers from another layer (throttling,
 * authentication…) count as inconclusive for the rules concerned, a missing answer or a 5xx is a
 * finding, and whatever was created is deleted through the run's cleaner (a failed delete is a
 * finding). A refusal with another catalogued code is only noted: those codes come from the
 * reference list, not the seeds.
 */
export async function runDcsReferences(context: StatefulContext, options: DcsReferenceOptions = {}): Promise<void> {
  const { contract, ledger } = context;
  const target = context.target;
  const references = referencesOf(contract, dcsTargetOf(target));
  const documented = new Set(contract.document.stateful.map((s) => s.id));
  const refusalOf = (rule: string): Refusal => ({ rule, code: contract.document.stateful.find((s) => s.id === rule)?.code ?? null });
  if (typeof references === 'string') for (const r of ['vpc-exists', 'subnet-in-vpc', 'security-group-exists']) ledger.notTestable(familyOf(r), references);
  const refs = typeof references === 'string' ? [] : references.filter((r) => documented.has(r.rule));

  const plans: Plan[] = [];
  if (refs.length > 0) {
    const random = fc.sample(fc.array(fc.boolean(), { minLength: refs.length, maxLength: refs.length }), { seed: context.seed, numRuns: options.calls ?? 30 });
    // Every reference known, and each one alone unknown, come first: the calls that tell most.
    plans.push({ known: refs.map(() => true) }, ...refs.map((_, i) => ({ known: refs.map((__, j) => j !== i) })), ...random.map((known) => ({ known })));
  }
  // project-exists has a documented code (DCS.4001, filed under the gateway): one call to a project id that names nothing probes it.
  if (documented.has('project-exists')) plans.push({ known: refs.map(() => true), otherProject: true });

  const noted = new Set<string>();
  for (const [index, plan] of plans.entries()) {
    const halted = context.halted();
    if (halted) {
      for (const family of ledger.families) skipHalted(context, family, halted);
      break;
    }
    // A name of its own per call: the documents do not say whether a deleted task's name is free again at once.
    let document = referenceCheckBase(contract, `reference-check-${uniqueToken(12)}`);
    refs.forEach((reference, i) => (document = withValue(document, reference.pointer, plan.known[i] ? reference.known : missing)));
    const sentTo = plan.otherProject ? ({ ...target, config: { ...dcsTargetOf(target), projectId: missing.replace(/-/g, '') } } as typeof target) : target;
    const unknown = refs.filter((_, i) => !plan.known[i]);
    const expectation: Expectation = plan.otherProject
      ? { outcome: 'refused', refusals: [refusalOf('project-exists')] }
      : unknown.length === 0
        ? { outcome: 'created', about: refs.map((r) => r.rule) }
        : { outcome: 'refused', refusals: unknown.map((r) => refusalOf(r.rule)), otherCode: 'info' };
    const caseId = `${context.api}#references-${index + 1}`;
    const answered = await context.send(() => toWire(contract, sentTo, document, context.clock.now()));
    const judgement = judge(contract, expectation, answered);
    const concerned = plan.otherProject ? ['project-exists'] : (expectation.outcome === 'created' ? refs : unknown).map((r) => r.rule);
    const home = familyOf(concerned[0]!);
    const failure = serverErrorFinding(context, home, caseId, [answered]);
    if (failure) ledger.finding(failure);
    // A conclusive answer tells about the rules it names; a silent one leaves every concerned rule untold.
    for (const rule of judgement.conclusive ? judgement.rules : concerned) ledger.call(familyOf(rule), check, judgement.conclusive ? { conclusive: true } : { conclusive: false, reason: judgement.reason });
    if (judgement.conclusive && judgement.mismatch) {
      const { mismatch } = judgement;
      const family = familyOf(mismatch.rule === 'sequences' ? concerned[0]! : mismatch.rule);
      const key = `${family}|${mismatch.code}`;
      if (mismatch.severity !== 'info' || !noted.has(key)) {
        noted.add(key);
        const finding: Finding = callFinding(context, { check, code: mismatch.code, severity: mismatch.severity, family, caseId, message: mismatch.message, documented: mismatch.documented, received: mismatch.received }, [answered]);
        ledger.finding(finding);
      }
    }
    if (answered.answer.class === 'success') await context.cleanUp(home, caseId, document, [answered], sentTo);
  }
}
