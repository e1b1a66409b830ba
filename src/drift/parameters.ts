import type { Contract } from '../contract/load.ts';
import type { Rule } from '../contract/rule.ts';
import { walkSchema, type SchemaNode } from '../contract/schema-node.ts';
import type { Source } from '../contract/source.ts';
import { impacts, type Change } from './change.ts';

/** Every parameter of a request schema (top level and nested) by its path, `DataDisk.Part.Device`, array levels left out as in rule ids. */
export function parametersOf(schema: SchemaNode): ReadonlyMap<string, SchemaNode> {
  const parameters = new Map<string, SchemaNode>();
  walkSchema(schema, (node, site) => {
    if (site.role === 'property') parameters.set(site.path.join('.'), node);
  });
  return parameters;
}

/** The parameter path of a rule: `SystemDiskSize.maximum` → `SystemDiskSize`; '' for the request itself. */
export function parameterOf(rule: Rule): string {
  return rule.path.join('.');
}

/** A node's JSON type as the docs give it: `integer`, `array`, `string|null`; `any` where none is stated. */
export function typeText(node: SchemaNode): string {
  if (node.type === undefined) return 'any';
  return typeof node.type === 'string' ? node.type : node.type.join('|');
}

/** The quotes of a parameter's own documentation. */
export function sourceOf(node: SchemaNode | undefined): readonly Source[] {
  return node?.['x-source'] ?? [];
}

const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('.')));

/**
 * Parameters only one contract has. Only the topmost one is reported (`Tag`, not also `Tag.Key`):
 * a nested parameter of a new parameter comes with it, and so do its rules (see rules.ts). A
 * parameter added widens what a request may carry (an implementation must now take it); one removed
 * narrows it. A parameter both have whose type differs where no `type` rule says so (on the RPC wire
 * string, object and list types state no rule) is reported as a type change.
 */
export function diffParameters(from: Contract, to: Contract, fromParameters: ReadonlyMap<string, SchemaNode>, toParameters: ReadonlyMap<string, SchemaNode>): Change[] {
  const onlyIn = (these: ReadonlyMap<string, SchemaNode>, those: ReadonlyMap<string, SchemaNode>) =>
    [...these].filter(([path]) => !those.has(path) && (parentOf(path) === '' || those.has(parentOf(path))));
  const added = onlyIn(toParameters, fromParameters).map(
    ([path, node]): Change => ({ rule: path, kind: 'parameter-added', from: null, to: typeText(node), impact: impacts.widened, source: { from: [], to: sourceOf(node) } }),
  );
  const removed = onlyIn(fromParameters, toParameters).map(
    ([path, node]): Change => ({ rule: path, kind: 'parameter-removed', from: typeText(node), to: null, impact: impacts.narrowed, source: { from: sourceOf(node), to: [] } }),
  );
  const typeRules = new Set([...from.rules, ...to.rules].filter((r) => r.kind === 'type').map(parameterOf));
  const retyped = [...toParameters].flatMap(([path, node]): Change[] => {
    const before = fromParameters.get(path);
    if (!before || typeRules.has(path) || typeText(before) === typeText(node)) return [];
    return [{ rule: path, kind: 'type-changed', from: typeText(before), to: typeText(node), impact: impacts.both, source: { from: sourceOf(before), to: sourceOf(node) } }];
  });
  return [...added, ...removed, ...retyped];
}
