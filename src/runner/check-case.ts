import type { ValidateFunction } from 'ajv';
import type { RequestCase } from '../../generators/request-case.ts';
import { adapterOf } from '../adapters/index.ts';
import { answerAbout } from '../checks/answer.ts';
import type { CheckContext, FindingDraft } from '../checks/check.ts';
import { checks } from '../checks/index.ts';
import { caseOutcome, type CaseOutcome, type OutcomeContext } from '../checks/outcome.ts';
import type { Contract } from '../contract/load.ts';
import { sentAt, unboundReferencesOf } from '../contract/references.ts';
import { compileSchema } from '../contract/validator.ts';
import type { Answered } from './send-case.ts';

/** The compiled response schemas a contract's checks use. */
export interface ResponseValidators {
  readonly success: ReadonlyMap<number, ValidateFunction>;
  readonly errorEnvelope: ValidateFunction;
}

const compiled = new WeakMap<Contract, ResponseValidators>();

/** A contract's success and error schemas, compiled once per process (they keep no state between calls). */
export function responseValidators(contract: Contract): ResponseValidators {
  let validators = compiled.get(contract);
  if (!validators) {
    validators = {
      success: new Map([...contract.responseSchemas].map(([status, schema]) => [status, compileSchema(schema)])),
      errorEnvelope: compileSchema(contract.errorEnvelopeSchema),
    };
    compiled.set(contract, validators);
  }
  return validators;
}

/** A case's checked answer: what it says about the rule, and each applicable check's drafts. */
export interface CheckedCase {
  readonly outcome: CaseOutcome;
  readonly results: readonly { readonly check: string; readonly drafts: readonly FindingDraft[] }[];
}

/** The pointers a case is about: the value it changed, the ones it pinned, and every value that breaks a rule as the schema is written. */
export function casePointers(c: RequestCase): string[] {
  return [...new Set([...(c.pointer === undefined ? [] : [c.pointer]), ...(c.pins ?? []), ...(c.broken ?? [])])];
}

const unboundReferences = new WeakMap<Contract, readonly string[]>();

/** Whether an answer names a value the case sends that refers to a resource no fixture stands for. */
function aboutUnboundReference(contract: Contract, c: RequestCase, answer: Answered['answer']): boolean {
  let templates = unboundReferences.get(contract);
  if (!templates) unboundReferences.set(contract, (templates = unboundReferencesOf(contract.requestSchema)));
  return templates.length > 0 && answerAbout(answer, sentAt(templates, c.request)) === 'yes';
}

/** Classifies a case's answer, then runs every check that applies to it. */
export function checkCase(contract: Contract, validators: ResponseValidators, c: RequestCase, reading: Omit<OutcomeContext, 'about' | 'aboutUnboundReference'>, first: Answered, repeat?: Answered): CheckedCase {
  const outcome = caseOutcome(c, first.answer, { about: answerAbout(first.answer, casePointers(c)), aboutUnboundReference: aboutUnboundReference(contract, c, first.answer), ...reading });
  const context: CheckContext = { contract, case: c, exchange: first.exchange, body: first.body, answer: first.answer, outcome, validators, requestIdRequired: adapterOf(contract).requestIdRequired, ...(reading.breaksProtocol ? { breaksProtocol: true } : {}), ...(repeat ? { repeat: { exchange: repeat.exchange, body: repeat.body } } : {}) };
  return { outcome, results: checks.filter((check) => check.appliesTo(context)).map((check) => ({ check: check.name, drafts: check.run(context) })) };
}
