/** Where a binding's value comes from: the create request, its success answer, or the profile's target. */
export type ReferenceKind = 'request' | 'response' | 'profile';

/** Resolves `request:X`, `response:X`, `profile:X` references; undefined when it has no value. */
export type ResolveReference = (kind: ReferenceKind, name: string) => unknown;

const pattern = /^(request|response|profile):(.+)$/;

/** A binding template with every `kind:name` string replaced by its value (lists and objects recursively); other strings stay. */
export function fillReferences(template: unknown, resolve: ResolveReference): unknown {
  if (typeof template === 'string') {
    const match = pattern.exec(template);
    return match ? resolve(match[1] as ReferenceKind, match[2] as string) : template;
  }
  if (Array.isArray(template)) return template.map((item) => fillReferences(item, resolve));
  if (typeof template === 'object' && template !== null) return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillReferences(value, resolve)]));
  return template;
}

/** The names a template references of one kind: `{"JobId": "response:JobId"}` → `JobId` for `response`. */
export function referencedNames(template: unknown, kind: ReferenceKind): string[] {
  const names: string[] = [];
  fillReferences(template, (k, name) => void (k === kind && names.push(name)));
  return names;
}

/** The value of a profile reference in a target's configuration: `profile:projectId` → `config.projectId`. */
export function profileValue(config: object, name: string): unknown {
  return (config as Record<string, unknown>)[name];
}
