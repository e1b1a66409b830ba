import fc from 'fast-check';
import { escapePointer } from '../json/pointer.ts';
import { defineRule, displayPath, type KeywordDefinition } from './keyword.ts';

/** `required`: a property that must be present; the rule belongs to the property, its provenance is the property's row. */
export const required: KeywordDefinition = {
  keyword: 'required',
  kind: 'required',
  rules: (node, site) =>
    (node.required ?? []).map((name) => {
      const child = node.properties?.[name] ?? {};
      const target = {
        schemaPointer: `${site.schemaPointer}/properties/${escapePointer(name)}`,
        path: [...site.path, name],
        pointer: `${site.pointer}/${escapePointer(name)}`,
        role: 'property' as const,
      };
      return defineRule(required, node, site, {
        discriminator: name,
        target,
        annotated: child,
        params: { property: name },
        description: `${displayPath(target)} is required`,
      });
    }),
  boundaries: (rule, node, tools) =>
    tools.valid(node.properties?.[String(rule.params['property'])] ?? {}).map((value) => ({ label: 'present', at: rule.pointer, action: { set: value }, anyValue: true })),
  violations: (rule) => fc.constant({ label: 'missing', at: rule.pointer, action: { remove: true } as const }),
};
