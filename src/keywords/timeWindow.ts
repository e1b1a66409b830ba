import fc from 'fast-check';
import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import type { SchemaNode } from '../contract/schema-node.ts';
import { formats } from './formats/index.ts';
import { defineRule, displayPath, setAt, type GenerationContext, type KeywordDefinition } from './keyword.ts';
import { planOfType } from './value-plan.ts';

/**
 * The value of `timeWindow`: the time must lie in (anchor + after, anchor + notAfter], or
 * [anchor + after, anchor + notAfter] when `exclusiveAfter` is false. The anchor `creation` is the
 * moment the endpoint creates the job, which a client can only know as "now".
 */
export interface TimeWindow {
  readonly anchor: 'now' | 'creation';
  /** ISO 8601 duration, e.g. `P7D`, `PT0S`. */
  readonly after: string;
  readonly exclusiveAfter?: boolean;
  readonly notAfter: string;
}

const durations = new Map<string, number>();

/** Milliseconds of an ISO 8601 duration made of days, hours, minutes and seconds (no months: they vary). */
export function durationMs(iso: string): number {
  let duration = durations.get(iso);
  if (duration === undefined) durations.set(iso, (duration = parseDuration(iso)));
  return duration;
}

function parseDuration(iso: string): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) throw new Error(`timeWindow: "${iso}" is not a duration of the form PnDTnHnMnS`);
  const [days = 0, hours = 0, minutes = 0, seconds = 0] = match.slice(1).map((part) => Number(part ?? 0));
  return ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000;
}

/** The window's bounds as instants for a given anchor time. */
export function windowBounds(window: TimeWindow, anchor: Date): { readonly earliest: Date; readonly latest: Date; readonly exclusiveEarliest: boolean } {
  return {
    earliest: new Date(anchor.getTime() + durationMs(window.after)),
    latest: new Date(anchor.getTime() + durationMs(window.notAfter)),
    exclusiveEarliest: window.exclusiveAfter === true,
  };
}

/** Reads and checks a node's `timeWindow` and the format it parses times with. */
export function readTimeWindow(node: SchemaNode): { window: TimeWindow; format: NonNullable<ReturnType<typeof formats.get>> } | undefined {
  const window = node['timeWindow'] as TimeWindow | undefined;
  if (window === undefined) return undefined;
  const format = node.format === undefined ? undefined : formats.get(node.format);
  if (!format) throw new Error('timeWindow: the node needs a date-time `format` to read times with');
  if (window.anchor !== 'now' && window.anchor !== 'creation') throw new Error(`timeWindow: anchor must be "now" or "creation", not ${JSON.stringify(window.anchor)}`);
  if (durationMs(window.after) >= durationMs(window.notAfter)) throw new Error(`timeWindow: after (${window.after}) must be shorter than notAfter (${window.notAfter})`);
  return { window, format };
}

const anchorWords = { now: 'now', creation: 'the creation time' } as const;

/** The doc's own example time, long past: the first value a careless client sends. */
const documentExampleTime = new Date('2019-06-04T13:35:00Z');

/** The window as generation sees it: `margin` inside each bound, measured from the context's clock. */
function safeWindow(node: SchemaNode, context: GenerationContext) {
  const read = readTimeWindow(node);
  if (!read) throw new Error('timeWindow: the node has no window');
  const { earliest, latest } = windowBounds(read.window, context.clock.now());
  const second = 1000;
  return {
    read,
    earliest,
    latest,
    // Rounded to whole seconds inward, since the formats carry no fraction.
    safeEarliest: new Date(Math.ceil((earliest.getTime() + context.marginMs) / second) * second),
    safeLatest: new Date(Math.floor((latest.getTime() - context.marginMs) / second) * second),
  };
}

/**
 * `timeWindow`: a date-time relative to now or to the creation time. It checks only values its
 * format can read (a malformed time is the format rule's finding), against the validator's clock.
 */
export const timeWindow: KeywordDefinition = {
  keyword: 'timeWindow',
  kind: 'timeWindow',
  ajv: ({ clock }) => ({
    keyword: 'timeWindow',
    type: 'string',
    schemaType: 'object',
    errors: true,
    // The window and its format are read once per schema node; only "now" moves.
    compile: (_schema: unknown, parentSchema: unknown) => {
      const read = readTimeWindow(parentSchema as SchemaNode);
      const validate: DataValidateFunction = (data: unknown) => {
        const time = typeof data === 'string' && read ? read.format.toDate(data) : undefined;
        if (!read || !time) return true;
        const { earliest, latest, exclusiveEarliest } = windowBounds(read.window, clock.now());
        const tooEarly = exclusiveEarliest ? time.getTime() <= earliest.getTime() : time.getTime() < earliest.getTime();
        const tooLate = time.getTime() > latest.getTime();
        if (!tooEarly && !tooLate) return true;
        const bound = tooEarly ? 'after' : 'notAfter';
        const limit = tooEarly ? earliest : latest;
        validate.errors = [
          {
            keyword: 'timeWindow',
            message: tooEarly ? `must be ${exclusiveEarliest ? 'later than' : 'at or after'} ${limit.toISOString()}` : `must not be later than ${limit.toISOString()}`,
            params: { bound, limit: limit.toISOString() },
          },
        ];
        return false;
      };
      return validate;
    },
  }),
  rules: (node, site) => {
    const read = readTimeWindow(node);
    if (!read) return [];
    const { window } = read;
    const anchor = anchorWords[window.anchor];
    return [
      defineRule(timeWindow, node, site, {
        idSuffix: 'after',
        discriminator: 'after',
        params: { ...window, bound: 'after' },
        description: `${displayPath(site)} must be ${window.exclusiveAfter ? 'later than' : 'at or after'} ${anchor} + ${window.after}`,
      }),
      defineRule(timeWindow, node, site, {
        idSuffix: 'notAfter',
        discriminator: 'notAfter',
        params: { ...window, bound: 'notAfter' },
        description: `${displayPath(site)} must not be later than ${anchor} + ${window.notAfter}`,
      }),
    ];
  },
  narrow: (plan, node, context) => {
    if (node['timeWindow'] === undefined) return plan;
    const strings = planOfType(plan, ['string'], 'timeWindow');
    const { read, safeEarliest, safeLatest } = safeWindow(node, context);
    if (safeEarliest > safeLatest) throw new Error(`timeWindow: the margin of ${context.marginMs} ms leaves no valid time in the window`);
    return { ...strings, dateTime: { format: read.format, earliest: safeEarliest, latest: safeLatest } };
  },
  boundaries: (rule, node, tools) => {
    const { read, safeEarliest, safeLatest } = safeWindow(node, tools.context);
    const edge = rule.params['bound'] === 'after' ? safeEarliest : safeLatest;
    return fc.constant(setAt(rule, `${rule.params['bound'] === 'after' ? 'earliest' : 'latest'} safe time`, read.format.fromDate(edge)));
  },
  violations: (rule, node, tools) => {
    const { read, earliest, latest } = safeWindow(node, tools.context);
    const margin = tools.context.marginMs;
    const anchor = anchorWords[read.window.anchor];
    const bad =
      rule.params['bound'] === 'after'
        ? [
            { label: `before ${anchor} + ${read.window.after}`, date: new Date(earliest.getTime() - margin - 1000) },
            ...(documentExampleTime < earliest ? [{ label: 'the doc example time (in the past)', date: documentExampleTime }] : []),
          ]
        : [{ label: `beyond ${anchor} + ${read.window.notAfter}`, date: new Date(latest.getTime() + margin + 1000) }];
    return fc.constantFrom(...bad).map(({ label, date }) => setAt(rule, label, read.format.fromDate(date)));
  },
};
