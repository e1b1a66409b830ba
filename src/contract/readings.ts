import type { ContractDocument } from '../generated/contract-document.ts';
import { keywords } from '../keywords/index.ts';
import type { WireStyle } from '../keywords/keyword.ts';
import { applyJsonPatch, type JsonPatchOperation } from '../json/patch.ts';
import type { Rule } from './rule.ts';
import { deriveRules } from './rules.ts';
import type { SchemaNode } from './schema-node.ts';
import type { Source } from './source.ts';

/** A change a reading makes to the request before it is validated. */
export type ReadingTransform = 'nullAsAbsent';

/** One way of reading a contradiction, as the contract states it. */
export interface Reading {
  readonly id: string;
  readonly says: string;
  readonly why?: string;
  readonly source: readonly Source[];
  /** JSON Patch that turns the request schema as written into this reading; empty when it is the schema as written. */
  readonly patch: readonly JsonPatchOperation[];
  readonly transform?: ReadingTransform;
}

/** A contradiction whose readings disagree on what a request must satisfy. */
export interface ReadingChoice {
  readonly id: string;
  readonly summary: string;
  readonly readings: readonly Reading[];
  /** Ids of the rules (of the schema as written) that some reading states otherwise or not at all. */
  readonly touchedRules: ReadonlySet<string>;
}

/** One combination of readings: a request schema, its rules, and the transforms applied to requests first. */
export interface ReadingWorld {
  /** `contradiction=reading` for every reading that differs from the schema as written, sorted; '' for the schema itself. */
  readonly key: string;
  readonly schema: SchemaNode;
  readonly rules: readonly Rule[];
  readonly transforms: readonly ReadingTransform[];
}

/** Whether a reading changes anything a request must satisfy. */
export function changesRules(reading: Reading): boolean {
  return reading.patch.length > 0 || reading.transform !== undefined;
}

function readingOf(data: ContractDocument['contradictions'][number]['readings'][number]): Reading {
  return {
    id: data.id,
    says: data.says,
    ...(data.why === undefined ? {} : { why: data.why }),
    source: data.source as readonly Source[],
    patch: (data.patch ?? []) as readonly JsonPatchOperation[],
    ...(data.transform === undefined ? {} : { transform: data.transform }),
  };
}

/** What makes two rules "the same rule" across readings: the value they constrain, the keyword (or the one it is a variant of), the discriminator. */
function identityOf(rule: Rule): string {
  const keyword = keywords.find((k) => k.keyword === rule.keyword)?.variantOf ?? rule.keyword;
  return `${rule.pointer}|${keyword}|${rule.discriminator}`;
}

/** Presence rules (required, conditional) are one family: a reading may turn one into the other. */
function familyOf(rule: Rule): string {
  return rule.kind === 'required' || rule.kind === 'conditional' ? 'presence' : rule.kind;
}

function statement(rule: Rule): string {
  return `${rule.keyword}:${JSON.stringify(rule.params)}`;
}

/** The rules (as written) whose statement differs in `variant`, or that `variant` lacks. */
function touched(base: readonly Rule[], variant: readonly Rule[]): string[] {
  const variantByIdentity = new Map(variant.map((r) => [identityOf(r), r]));
  const baseIdentities = new Set(base.map(identityOf));
  const changed = base.filter((r) => {
    const other = variantByIdentity.get(identityOf(r));
    return other === undefined || statement(other) !== statement(r);
  });
  // A rule only the reading states is reported under the rule of the same value and family, if any.
  const added = variant.filter((r) => !baseIdentities.has(identityOf(r)));
  return [...changed.map((r) => r.id), ...added.flatMap((r) => base.filter((b) => b.pointer === r.pointer && familyOf(b) === familyOf(r)).map((b) => b.id))];
}

/**
 * The contradictions of a contract whose readings change what a request must satisfy, each with the
 * rules it touches. Fails when a patch does not apply: the contract is then out of date with its schema.
 */
export function readingChoicesOf(document: ContractDocument, schema: SchemaNode, rules: readonly Rule[], style: WireStyle): ReadingChoice[] {
  return document.contradictions.flatMap((contradiction) => {
    const readings = contradiction.readings.map(readingOf);
    if (!readings.some(changesRules)) return [];
    const touchedRules = new Set<string>();
    for (const reading of readings) {
      if (reading.patch.length === 0) continue;
      let patched: SchemaNode;
      try {
        patched = applyJsonPatch(schema, reading.patch);
      } catch (error) {
        throw new Error(`reading ${contradiction.id}=${reading.id}: ${(error as Error).message}`, { cause: error });
      }
      for (const id of touched(rules, deriveRules(patched, { style }))) touchedRules.add(id);
    }
    return [{ id: contradiction.id, summary: contradiction.summary, readings, touchedRules }];
  });
}

/**
 * The world where each contradiction of `choices` is read as chosen (the others as written): the
 * patches applied in contract order, the rules derived again.
 */
export function readingWorld(asWritten: { readonly schema: SchemaNode; readonly rules: readonly Rule[] }, style: WireStyle, contradictions: readonly ReadingChoice[], choices: ReadonlyMap<string, string>): ReadingWorld {
  const chosen: { contradiction: ReadingChoice; reading: Reading }[] = [];
  for (const [id, readingId] of choices) {
    const contradiction = contradictions.find((c) => c.id === id);
    const reading = contradiction?.readings.find((r) => r.id === readingId);
    if (!contradiction || !reading) throw new Error(`readingWorld: no reading ${id}=${readingId}`);
    if (changesRules(reading)) chosen.push({ contradiction, reading });
  }
  chosen.sort((a, b) => contradictions.indexOf(a.contradiction) - contradictions.indexOf(b.contradiction));
  const patched = chosen.reduce((node, { reading }) => (reading.patch.length > 0 ? applyJsonPatch(node, reading.patch) : node), asWritten.schema);
  return {
    key: chosen.map(({ contradiction, reading }) => `${contradiction.id}=${reading.id}`).join('&'),
    schema: patched,
    rules: patched === asWritten.schema ? asWritten.rules : deriveRules(patched, { style }),
    transforms: chosen.flatMap(({ reading }) => (reading.transform ? [reading.transform] : [])),
  };
}

/** Drops every object property whose value is null, at any depth: "null means the field is left out". */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/** A request as a world's transforms present it to its validator. */
export function transformRequest(request: unknown, transforms: readonly ReadingTransform[]): unknown {
  return transforms.reduce((value, transform) => (transform === 'nullAsAbsent' ? withoutNulls(value) : value), request);
}
