import fc from 'fast-check';
import { formats } from './formats/index.ts';
import { defineRule, displayPath, setAt, type KeywordDefinition } from './keyword.ts';
import { planOfType } from './value-plan.ts';

/** Dates a time without a window is drawn from. */
const openWindow = { earliest: new Date('2000-01-01T00:00:00Z'), latest: new Date('2099-12-31T23:59:59Z') };

function formatOf(name: unknown): NonNullable<ReturnType<typeof formats.get>> {
  const known = typeof name === 'string' ? formats.get(name) : undefined;
  if (!known) throw new Error(`format: unknown format ${JSON.stringify(name)}; add it to keywords/formats`);
  return known;
}

/** `format`: a named string shape from our format registry (ajv checks it through `addFormat`). */
export const format: KeywordDefinition = {
  keyword: 'format',
  kind: 'format',
  rules: (node, site) =>
    node.format === undefined
      ? []
      : [defineRule(format, node, site, { params: { format: node.format }, description: `${displayPath(site)} must be a ${formatOf(node.format).description}` })],
  narrow: (plan, node) => (node.format === undefined ? plan : { ...planOfType(plan, ['string'], 'format'), dateTime: { format: formatOf(node.format), ...openWindow } }),
  boundaries: (rule, node, tools) => tools.valid(node).map((value) => setAt(rule, 'well formed', value)),
  // Malformed renderings of a time inside any window, so that only the format rule breaks.
  violations: (rule, node, tools) => {
    const shape = formatOf(node.format);
    return tools
      .valid(node)
      .chain((value) => fc.constantFrom(...shape.malformed(shape.toDate(String(value)) ?? new Date())))
      .map((bad) => setAt(rule, bad.label, bad.value));
  },
};
