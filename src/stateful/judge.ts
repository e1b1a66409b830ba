import { answerAbout } from '../checks/answer.ts';
import type { Severity } from '../checks/finding.ts';
import type { InconclusiveReason } from '../checks/outcome.ts';
import type { Contract } from '../contract/load.ts';
import type { Answered } from '../runner/send-case.ts';
import { createdId } from '../runner/wire.ts';

/**
 * A stateful rule that refuses a call. `code` is the rule's documented code; where the docs give
 * none, `accepts` says which refusals count as the rule's: a validation refusal (any code of that
 * class), or also a refusal for state.
 */
export interface Refusal {
  readonly rule: string;
  readonly code: string | null;
  readonly accepts?: 'validation' | 'validation-or-state';
  /**
   * The parameters (JSON pointers) a rule without a documented code is about: a refusal with a code
   * no catalogue lists counts as the rule's when its code or message names one of them
   * (`InvalidSourceId.NotFound` for an unknown SourceId), as for single requests.
   */
  readonly about?: readonly string[];
}

/** What the documents say a call gets, and which rules its answer tells about. */
export type Expectation =
  /** Allowed: success. `about` are the rules a success tells about (the quota allows this job); none for a call that only builds state. */
  | { readonly outcome: 'created'; readonly about: readonly string[] }
  /** A retry with a used ClientToken: success with the first call's JobId. */
  | { readonly outcome: 'same-job'; readonly jobId: string; readonly rule: string }
  /**
   * Refused by one of `refusals` (several may apply; the docs set no order, so any of their codes
   * will do). `otherCode` weighs a refusal with another catalogued code (default: a violation).
   */
  | { readonly outcome: 'refused'; readonly refusals: readonly Refusal[]; readonly otherCode?: Severity };

/** An answer the documents do not allow, by the rule it concerns (`sequences` when it concerns none). */
export interface Mismatch {
  readonly rule: string;
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly documented: unknown;
  readonly received: unknown;
}

/** What one answer says, per rule: conclusive (maybe a mismatch), or nothing and why. */
export type Judgement =
  | { readonly conclusive: true; readonly rules: readonly string[]; readonly jobId?: string; readonly mismatch?: Mismatch }
  | { readonly conclusive: false; readonly reason: InconclusiveReason; readonly rules: readonly string[] };

/** Answers from another layer than the operation's rules: they say nothing about any rule. */
const otherLayer: ReadonlySet<string> = new Set(['authentication', 'authorization', 'throttling', 'gateway', 'server', 'transport']);

/** The stateful rule a documented code belongs to, if any. */
export function ruleOfCode(contract: Contract, code: string | undefined): string | undefined {
  return code === undefined ? undefined : contract.document.stateful.find((s) => s.code === code)?.id;
}

function rulesOf(expectation: Expectation): string[] {
  if (expectation.outcome === 'created') return [...expectation.about];
  if (expectation.outcome === 'same-job') return [expectation.rule];
  return expectation.refusals.map((r) => r.rule);
}

const described = (answered: Answered): string =>
  answered.answer.class === 'transport' ? 'no answer' : `${answered.answer.status ?? ''} ${answered.answer.code ?? (answered.answer.class === 'success' ? 'success' : '')}`.trim();

/**
 * Judges one classified answer against what the documents say the call gets. Answers from another
 * layer (authentication, throttling, gateway, server, transport) are inconclusive; so is a refusal
 * the catalogues cannot place where a refusal was due. A refusal with the due rule's documented code
 * (before its class is looked at: DCS files its unknown-project code under the gateway) is conclusive.
 */
export function judge(contract: Contract, expectation: Expectation, answered: Answered): Judgement {
  const { answer } = answered;
  const jobId = answer.class === 'success' ? createdId(contract, answered.body.json) : undefined;
  const received = { status: answer.status, ...(answer.code !== undefined ? { code: answer.code } : {}), ...(jobId !== undefined ? { id: jobId } : {}) };
  const rules = rulesOf(expectation);

  if (expectation.outcome === 'refused') {
    const matching = expectation.refusals.filter((r) => r.code !== null && r.code === answer.code);
    if (matching.length > 0) return { conclusive: true, rules: matching.map((r) => r.rule) };
    if (otherLayer.has(answer.class)) return { conclusive: false, reason: answer.class as InconclusiveReason, rules };
    const codes = expectation.refusals.flatMap((r) => (r.code === null ? [] : [r.code]));
    const names = expectation.refusals.map((r) => r.rule).join(', ');
    const first = expectation.refusals[0]?.rule ?? 'sequences';
    if (answer.class === 'success') {
      return { conclusive: true, rules, ...(jobId !== undefined ? { jobId } : {}), mismatch: { rule: first, code: 'accepted_against_rule', severity: 'violation', message: `This call breaks ${names}, yet it was accepted.`, documented: codes.length > 0 ? { codes } : 'a refusal', received } };
    }
    const codeless = expectation.refusals.filter((r) => r.code === null && (answer.class === 'validation' || (answer.class === 'state' && r.accepts === 'validation-or-state')));
    if (codeless.length > 0) return { conclusive: true, rules: codeless.map((r) => r.rule) };
    if (answer.class === 'undocumented-code' || answer.class === 'no-code') {
      const named = expectation.refusals.filter((r) => r.code === null && r.about !== undefined && answerAbout(answer, r.about) === 'yes');
      return named.length > 0 ? { conclusive: true, rules: named.map((r) => r.rule) } : { conclusive: false, reason: answer.class, rules };
    }
    const wanted = codes.length > 0 ? codes.join(' or ') : 'a validation refusal';
    return { conclusive: true, rules, mismatch: { rule: first, code: 'other_refusal_code', severity: expectation.otherCode ?? 'violation', message: `This call breaks ${names}: the documents give ${wanted}, it got ${described(answered)}.`, documented: codes.length > 0 ? { codes } : 'a validation refusal', received } };
  }

  if (otherLayer.has(answer.class)) return { conclusive: false, reason: answer.class as InconclusiveReason, rules };
  if (answer.class !== 'success') {
    // A refusal of an allowed call: whatever its code, the answer is clear. A refused retry breaks idempotency; otherwise a stateful rule's code names the rule it misapplied.
    const rule = expectation.outcome === 'same-job' ? expectation.rule : (ruleOfCode(contract, answer.code) ?? rules[0] ?? 'sequences');
    const what = expectation.outcome === 'same-job' ? `A retry with the same ClientToken must get the first JobId ${expectation.jobId}` : 'The documents allow this call';
    return { conclusive: true, rules, mismatch: { rule, code: 'refused_allowed_call', severity: 'violation', message: `${what}, yet it was refused with ${described(answered)}.`, documented: expectation.outcome === 'same-job' ? { status: 200, id: expectation.jobId } : { status: 200 }, received } };
  }
  if (expectation.outcome === 'same-job' && jobId !== expectation.jobId) {
    return { conclusive: true, rules, ...(jobId !== undefined ? { jobId } : {}), mismatch: { rule: expectation.rule, code: 'retry_other_result', severity: 'violation', message: `A retry with the same ClientToken got ${jobId === undefined ? 'no JobId' : `JobId ${jobId}`} instead of the first JobId ${expectation.jobId}.`, documented: { status: 200, id: expectation.jobId }, received } };
  }
  // A success without an id is the response schema's finding (single requests); cleanup names it as left behind.
  return { conclusive: true, rules, ...(jobId !== undefined ? { jobId } : {}) };
}
