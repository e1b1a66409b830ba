import type { Contract } from '../../src/contract/load.ts';
import { cataloguedError, serverError, type ErrorAnswer } from '../documented-error.ts';
import { faultsAt } from '../faults.ts';
import type { Operation } from '../operation.ts';
import type { EmulatorSettings } from '../settings.ts';

/**
 * A vendor protocol's front end over the emulator's operations of that protocol: it reads the wire
 * (routes, signatures, encodings, limits), carries each call to its operation, and writes the answer
 * in the vendor's envelope.
 */
export interface FrontEnd {
  /** How strongly it claims a request path: the length of the longest literal prefix of its routes that starts it, -1 for none. The emulator gives a request to the strongest claim. */
  readonly claim: (pathname: string) => number;
  /** Answers one request. */
  readonly handle: (request: Request) => Promise<Response>;
  /** The operations' server error (their documented 500) in its envelope, with `message` appended: for the emulator's own failures. */
  readonly failure: (message: string) => Response;
  /** What it remembers beyond the operations (signature nonces), forgotten. */
  readonly reset: () => void;
}

/** A vendor protocol: its body limit, its vendor endpoints for msw, and the front end it builds over operations. */
export interface Protocol {
  /** The largest request body its front end reads, in bytes (the documents state none: README). */
  readonly bodyLimit: number;
  /** The vendor's own endpoints of these contracts' operations (msw matches them). */
  readonly endpoints: (contracts: readonly Contract[]) => RegExp[];
  /** `operations` are every operation of this protocol the emulator knows, served or not (an operation without a profile target only shapes "no such API" answers). */
  readonly create: (operations: readonly Operation[], settings: EmulatorSettings) => FrontEnd;
}

/** The text of a route up to its first path parameter: what a front end claims. */
export function literalPrefix(path: string): string {
  const brace = path.indexOf('{');
  return brace < 0 ? path : path.slice(0, brace);
}

/** The longest of `prefixes` that starts `pathname`, as a claim. */
export function claimOf(prefixes: readonly string[], pathname: string): number {
  return Math.max(-1, ...prefixes.filter((p) => pathname.startsWith(p)).map((p) => p.length));
}

/** Escapes text for a regular expression. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** The catalogued answer the vendor's wire rules presume for a protocol break (`unknown-route`, `empty-body`, …): its first code. */
export function wireAnswer(contract: Contract, ruleId: string): ErrorAnswer {
  const code = contract.wireRules.rules.find((r) => r.id === ruleId)?.codes[0];
  if (code === undefined) throw new Error(`${contract.id}: the wire rules state no code for ${ruleId}`);
  return cataloguedError(contract, code);
}

/** How the active `wire` faults answer a protocol break instead: the operation's server error, or undefined (answered as documented). */
export function wireFault(contract: Contract, settings: EmulatorSettings, ruleId: string): ErrorAnswer | undefined {
  const fault = faultsAt(settings.faults, 'wire').find((f) => f.wire === ruleId);
  return fault?.serverError ? serverError(contract) : undefined;
}

/** The first operation of a list, for the envelopes of answers no operation is named in. */
export function firstOf(operations: readonly Operation[]): Operation {
  const [first] = operations;
  if (!first) throw new Error('a front end needs at least one operation');
  return first;
}
