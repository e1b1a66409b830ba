import { text, type RuleCall } from './rule.ts';

/** A source server of a profile target's fixtures (`sources`). */
export interface SourceServer {
  readonly id: string;
  readonly state: string;
  readonly systemDiskUsedGiB: number;
  readonly dataDisks?: readonly { readonly index: number; readonly usedGiB: number }[];
}

/** The fixture list `name` of the call's target (empty when the profile has none). */
export function fixtureList<T>(call: RuleCall, name: string): readonly T[] {
  const list = (call.target.fixtures as Readonly<Record<string, unknown>>)[name];
  return Array.isArray(list) ? (list as T[]) : [];
}

/** The source server the request's `SourceId` names, if the target has it. */
export function sourceOf(call: RuleCall): SourceServer | undefined {
  const id = text(call.request['SourceId']);
  return id === undefined ? undefined : fixtureList<SourceServer>(call, 'sources').find((s) => s.id === id);
}

/** The resources the operation holds, other than the one being created. */
export function heldRequests(call: RuleCall): Readonly<Record<string, unknown>>[] {
  return [...call.held.values()].map((r) => r.request);
}
