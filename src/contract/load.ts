import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ContractError } from '../errors/index.ts';
import type { ContractDocument, GlobalErrorCatalogue, WireRules } from '../generated/contract-document.ts';
import { apiIds, type ApiId } from './apis.ts';
import { schemasDir } from './schemas-dir.ts';
import { readingChoicesOf, type ReadingChoice } from './readings.ts';
import type { Rule } from './rule.ts';
import { deriveRules } from './rules.ts';
import type { SchemaNode } from './schema-node.ts';

export { schemasDir } from './schemas-dir.ts';

/** A seed's example exchange, as stored under a contract's examples/. */
export interface ContractExamples {
  readonly request: Readonly<Record<string, unknown>>;
  readonly response: { readonly status: number; readonly body: unknown };
}

/** One operation and doc edition, loaded: its documents, schemas and derived rules. */
export interface Contract {
  readonly id: ApiId;
  readonly document: ContractDocument;
  readonly requestSchema: SchemaNode;
  /** Success response schemas by HTTP status. */
  readonly responseSchemas: ReadonlyMap<number, SchemaNode>;
  readonly errorEnvelopeSchema: SchemaNode;
  readonly globalErrors: GlobalErrorCatalogue;
  /** The vendor protocol's wire-level rules: requests broken below the operation's parameters. */
  readonly wireRules: WireRules;
  /** The rules of the request schema as written (the strictest reading); `ambiguous` names the contradiction that reads one otherwise. */
  readonly rules: readonly Rule[];
  /** The contradictions whose readings change what a request must satisfy. */
  readonly readings: readonly ReadingChoice[];
  readonly examples: ContractExamples;
}

/**
 * The rules of a request schema and the contradictions whose readings change them, each rule marked
 * with the contradiction that reads it otherwise: what a contract derives from its schema (as loaded,
 * or with limits moved). Fails when a reading's patch no longer applies to the schema.
 */
export function deriveContractRules(id: ApiId, document: ContractDocument, requestSchema: SchemaNode): Pick<Contract, 'rules' | 'readings'> {
  try {
    const asWritten = deriveRules(requestSchema, { style: document.binding.style });
    const readings = readingChoicesOf(document, requestSchema, asWritten, document.binding.style);
    const rules = asWritten.map((rule) => {
      const contradiction = readings.find((c) => c.touchedRules.has(rule.id));
      return contradiction ? { ...rule, ambiguous: contradiction.id } : rule;
    });
    return { rules, readings };
  } catch (cause) {
    throw new ContractError(`${id}: ${(cause as Error).message}`, { cause });
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (cause) {
    throw new ContractError(`cannot read contract file ${path.relative(process.cwd(), file)}: ${(cause as Error).message}`, { cause });
  }
}

/** Loaded contracts by folder. */
const cache = new Map<string, Contract>();

/** Loads (once) the contract of `id` from schemas/<id>/. */
export function loadContract(id: ApiId): Contract {
  return loadContractFrom(schemasDir, id);
}

/**
 * Loads (once) the contract of `id` from `<root>/<id>/`: another folder of contracts, such as a copy of
 * schemas/ with operations of your own. (A second argument of `loadContract` would take the index
 * when it is passed to `Array.prototype.map`.)
 */
export function loadContractFrom(root: string, id: ApiId): Contract {
  const dir = path.join(root, id);
  const cached = cache.get(dir);
  if (cached) return cached;
  const at = (file: string): string => path.join(dir, file);
  const document = readJson(at('contract.json')) as ContractDocument;
  if (document.id !== id) throw new ContractError(`${id}/contract.json declares id ${document.id}`);
  const requestSchema = readJson(at(document.request)) as SchemaNode;
  const responseSchemas = new Map(Object.entries(document.responses).map(([status, file]) => [Number(status), readJson(at(file)) as SchemaNode]));
  const requestExample = readJson(at(document.examples.request)) as { request: Record<string, unknown> };
  const responseExample = readJson(at(document.examples.response)) as ContractExamples['response'];
  const contract: Contract = {
    id,
    document,
    requestSchema,
    responseSchemas,
    errorEnvelopeSchema: readJson(at(document.errorEnvelope)) as SchemaNode,
    globalErrors: readJson(at(document.globalErrors)) as GlobalErrorCatalogue,
    wireRules: readJson(at(document.wireRules)) as WireRules,
    ...deriveContractRules(id, document, requestSchema),
    examples: { request: requestExample.request, response: responseExample },
  };
  cache.set(dir, contract);
  return contract;
}

/** Every known contract, in listing order. */
export function loadAllContracts(): Contract[] {
  return apiIds.map(loadContract);
}
