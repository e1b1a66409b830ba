import type { Contract } from '../src/contract/load.ts';

/**
 * An error answer as the documents state it: HTTP status, code and message, and what the emulator
 * adds about this request (`detail`), which the front end puts in its envelope or leaves out as its
 * vendor does.
 */
export interface ErrorAnswer {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
}

/** Fills the catalogues' placeholders (`%s`, `{0}`, `{}`) in order; missing arguments leave them as they are. */
export function fillMessage(template: string, args: readonly string[]): string {
  let next = 0;
  return template.replace(/%s|\{\d*\}/g, (placeholder) => (next < args.length ? (args[next++] as string) : placeholder));
}

/**
 * The catalogued answer for `code`: the operation's own error table first, then the vendor's global
 * catalogue (its first listed status). The emulator never spells a code's status or message itself.
 * Throws when the code is in neither: that is a fault of the emulator, not of a request.
 */
export function cataloguedError(contract: Contract, code: string, args: readonly string[] = [], detail?: string): ErrorAnswer {
  const own = contract.document.errors.find((e) => e.code === code);
  const global = own ? undefined : contract.globalErrors.errors.find((e) => e.code === code);
  const status = own?.status ?? global?.statuses[0];
  const template = own?.message ?? global?.message;
  if (status === undefined || template === undefined) throw new Error(`cataloguedError: ${code} is in no catalogue of ${contract.id}`);
  const message = fillMessage(template, args);
  return { status, code, message: detail === undefined ? message : `${message} ${detail}` };
}

/**
 * The documented answer for breaking the contract's stateful rule `id` (contract.json `stateful`),
 * or undefined when the contract has no such rule or documents no code for it: the caller then
 * decides (and says so in the README).
 */
export function statefulError(contract: Contract, id: string, args: readonly string[] = []): ErrorAnswer | undefined {
  const rule = contract.document.stateful.find((r) => r.id === id);
  if (!rule?.code) return undefined;
  return cataloguedError(contract, rule.code, args);
}

/** Whether the contract states stateful rule `id` with a documented code: the edition enforces it. */
export function enforces(contract: Contract, id: string): boolean {
  return Boolean(contract.document.stateful.find((r) => r.id === id)?.code);
}

/** The limit a stateful rule states (e.g. `job-quota`), if any. */
export function statefulLimit(contract: Contract, id: string): number | undefined {
  return contract.document.stateful.find((r) => r.id === id)?.limit;
}

/** The vendor's global code for a value that breaks a rule the documents give no code for. */
export function invalidParameter(contract: Contract, parameter: string, detail?: string): ErrorAnswer {
  const code = contract.globalErrors.validation.invalid[0];
  if (code === undefined) throw new Error(`invalidParameter: ${contract.id} has no validation.invalid code`);
  return cataloguedError(contract, code, [parameter], detail);
}

/** The vendor's global code for a missing parameter. */
export function missingParameter(contract: Contract, parameter: string): ErrorAnswer {
  const code = contract.globalErrors.validation.missing[0];
  if (code === undefined) throw new Error(`missingParameter: ${contract.id} has no validation.missing code`);
  return cataloguedError(contract, code, [parameter]);
}

/** The code a 500 carries: the operation's documented one, or the vendor's first 5xx code. */
export function serverError(contract: Contract): ErrorAnswer {
  const documented = contract.document.errors.find((e) => e.status === 500)?.code;
  const code = documented ?? contract.globalErrors.errors.find((e) => e.statuses[0] === 500)?.code;
  if (code === undefined) throw new Error(`serverError: ${contract.id} documents no 500`);
  return cataloguedError(contract, code);
}

/** The answer with what the emulator says about this request: a front end shows it where its vendor's messages carry such text. */
export function withDetail(answer: ErrorAnswer, detail: string | undefined): ErrorAnswer {
  return detail === undefined ? answer : { ...answer, detail };
}
