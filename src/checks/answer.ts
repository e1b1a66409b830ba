import type { Contract } from '../contract/load.ts';
import type { SchemaNode } from '../contract/schema-node.ts';
import type { ErrorClass } from '../generated/contract-document.ts';
import type { Exchange } from '../protocols/exchange.ts';
import { knownCodes } from './catalogue.ts';
import type { ParsedBody } from './check.ts';

/** What kind of answer came back: a success, an error of a catalogued class, an error the catalogues cannot place, or none. */
export type AnswerClass = 'success' | ErrorClass | 'undocumented-code' | 'no-code' | 'transport';

/** An answer, classified before any check judges it. */
export interface Answer {
  readonly class: AnswerClass;
  readonly status?: number;
  readonly code?: string;
  /** The parameter a validation error's message names, read with the code's catalogued message as the template. */
  readonly parameter?: string;
  /** The error's code and message (or its body), for finding parameter names where no template applies. */
  readonly text?: string;
}

/**
 * A bare status without a code, read by HTTP's own meaning. A redirect sends the request elsewhere
 * (a login page, another host): whatever put it there never judged the request, as a gateway.
 */
function classOfStatus(status: number): AnswerClass {
  if (status >= 300 && status < 400) return 'gateway';
  if (status === 429) return 'throttling';
  if (status === 401) return 'authentication';
  if (status === 403) return 'authorization';
  if (status === 404 || status === 405 || status === 413) return 'gateway';
  if (status >= 500) return 'server';
  return 'no-code';
}

/** The classes a bare status reads as when something in front of the API gives it: a login, a proxy's limit, a gateway. */
const layersInFront: ReadonlySet<AnswerClass> = new Set(['authentication', 'authorization', 'throttling', 'gateway']);

/** A proxy's own server errors: bad gateway, unavailable, gateway timeout (the API behind it did not answer). */
const proxyServerErrors: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * Whether an answer came from a layer in front of the API rather than from the API: no code of the
 * vendor's error envelope, and a bare status of authentication, authorization, throttling, a gateway
 * or a proxy's server error (nginx's 429 or 502 page, an SSO redirect). The documents say nothing of
 * such an answer's shape, so the checks of status, envelope, content type and request id leave it
 * alone. Its class still decides the case: inconclusive, or a server error (`no-server-error`).
 */
export function fromLayerInFront(answer: Answer): boolean {
  return answer.code === undefined && (layersInFront.has(answer.class) || (answer.class === 'server' && proxyServerErrors.has(answer.status ?? 0)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const templates = new Map<string, RegExp | null>();

/** The catalogued message as a pattern whose first placeholder (`%s`, `{0}`, `{}`) captures the parameter. */
function templateOf(code: string, message: string): RegExp | null {
  const key = `${code}\u0000${message}`;
  if (templates.has(key)) return templates.get(key) ?? null;
  const parts = message.split(/%s|\{\d*\}/);
  const pattern = parts.length < 2 ? null : new RegExp(`^${parts.map(escapeRegExp).map((p, i) => (i === 0 ? p : i === 1 ? `(.+?)${p}` : `.*?${p}`)).join('')}`, 's');
  templates.set(key, pattern);
  return pattern;
}

const requestNames = new WeakMap<Contract, ReadonlySet<string>>();

/** Every property name of a contract's request, at any depth, as `namesOf` spells names. */
function requestNamesOf(contract: Contract): ReadonlySet<string> {
  let names = requestNames.get(contract);
  if (!names) {
    const found = new Set<string>();
    const walk = (node: SchemaNode | undefined): void => {
      if (!node) return;
      for (const [name, child] of Object.entries(node.properties ?? {})) {
        for (const part of namesOf(name)) found.add(part);
        walk(child);
      }
      walk(node.items);
    };
    walk(contract.requestSchema);
    requestNames.set(contract, (names = found));
  }
  return names;
}

/**
 * The parameter a catalogued validation message names, if the message follows its template and what
 * fills it is a parameter of the request. A template left unfilled (`{0}`) or filled with a word of
 * the service's own (`body`) names no parameter.
 */
function namedParameter(contract: Contract, code: string, message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  const own = contract.document.errors.find((e) => e.code === code)?.message;
  const template = own ?? contract.globalErrors.errors.find((e) => e.code === code)?.message;
  const match = template === undefined ? null : templateOf(code, template)?.exec(message);
  const named = match?.[1]?.replace(/^["']|["']$/g, '');
  if (named === undefined) return undefined;
  const names = namesOf(named);
  const known = requestNamesOf(contract);
  return names.length > 0 && names.every((name) => known.has(name)) ? named : undefined;
}

/** Classifies an exchange by status and, for errors, by the catalogue class of its code. */
export function classifyAnswer(contract: Contract, exchange: Exchange, body: ParsedBody): Answer {
  if (!('response' in exchange)) return { class: 'transport' };
  const { status } = exchange.response;
  if (status >= 200 && status < 300) return { class: 'success', status };
  const code = body.errorCode;
  const text = code === undefined ? exchange.response.body.slice(0, 2000) : `${code} ${body.errorMessage ?? ''}`;
  // A 503 that says when to come back is unavailable for now, whatever its code (SMC's ServiceUnavailable): throttling, retried as such.
  if (status === 503 && exchange.response.headers['retry-after'] !== undefined) return { class: 'throttling', status, ...(code === undefined ? {} : { code }), text };
  if (code === undefined) return { class: classOfStatus(status), status, text };
  const known = knownCodes(contract).get(code);
  if (!known) return { class: status >= 500 ? 'server' : 'undocumented-code', status, code, text };
  const parameter = known.class === 'validation' ? namedParameter(contract, code, body.errorMessage) : undefined;
  return { class: known.class, status, code, text, ...(parameter === undefined ? {} : { parameter }) };
}

/** A name as services spell it in any style: `task_name`, `taskName` and `TaskName` are one name. */
function folded(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** A parameter path as names only: `DataDisk.1.Size`, `DataDisk[0].Size`, `/DataDisk/0/Size` → datadisk, size. */
function namesOf(path: string): string[] {
  return path
    .split(/[.[\]/]+/)
    .filter((s) => s !== '' && !/^\d+$/.test(s))
    .map(folded);
}

function startsWith(long: readonly string[], short: readonly string[]): boolean {
  return short.length > 0 && short.every((s, i) => long[i] === s);
}

/**
 * Whether an error answer is about the given parameters (JSON pointers of the values a case changed
 * and pinned): `yes` when it names one of them, a part of one or the object holding one; `no` when it
 * names another parameter; `unknown` when it names none. Without a catalogued template, the code and
 * message are searched for the parameters' names.
 */
export function answerAbout(answer: Answer, pointers: readonly string[]): 'yes' | 'no' | 'unknown' {
  const paths = pointers.map(namesOf).filter((p) => p.length > 0);
  if (paths.length === 0) return 'unknown';
  if (answer.parameter !== undefined) {
    const named = namesOf(answer.parameter);
    if (named.length === 0) return 'unknown';
    const related = paths.some((p) => startsWith(p, named) || startsWith(named, p) || p.at(-1) === named.at(-1));
    return related ? 'yes' : 'no';
  }
  const text = folded(answer.text ?? '');
  // Short names (id, size) would match anything; whole dotted paths or names of four letters and more are telling.
  const mentioned = paths.some((p) => text.includes(p.join('.')) || ((p.at(-1)?.length ?? 0) >= 4 && text.includes(p.at(-1) as string)));
  return mentioned ? 'yes' : 'unknown';
}
