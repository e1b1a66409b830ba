import type { RequestCase } from '../../generators/request-case.ts';
import type { Binder, CaseEnd } from './adapter.ts';
import type { FixturePool } from './fixture-pool.ts';

/** Whether a case changed a value that refers to a fixture (so a refusal for that resource's state is a refusal of the case's own value). */
export function editsReference(binder: Pick<Binder, 'references'>, c: Pick<RequestCase, 'pointer'>): boolean {
  const pointer = c.pointer?.replace(/\/\d+(?=\/|$)/g, '/*');
  return pointer !== undefined && binder.references.includes(pointer);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets `object[key]` when the key is present and the case did not edit it (the edit is what the case tests). */
export function rebind(object: Record<string, unknown>, key: string, pointer: string, edited: string | undefined, value: unknown): void {
  if (key in object && edited !== pointer && value !== undefined) object[key] = value;
}

let tokenCounter = 0;
/** Tells this run's tokens from an earlier run's, which an endpoint may still remember. */
const runMark = `${Date.now().toString(36)}${process.pid.toString(36)}`;

/**
 * A client token unique to this case and run, as long as the generated one (at least 12 characters):
 * cases share base requests, and a shared token would make the endpoint answer one case with another's job.
 */
export function uniqueToken(length: number): string {
  tokenCounter += 1;
  const wanted = Math.max(12, length);
  const unique = `${tokenCounter.toString(36)}-${runMark}`;
  return unique.length >= wanted ? unique.slice(0, wanted) : unique + 'x'.repeat(wanted - unique.length);
}

/**
 * A token the case set itself, made unique to this case and run without changing what the case tests:
 * its length (past 12 characters) and its last characters stay, a unique prefix replaces the first ones.
 */
export function uniqueEditedToken(value: string): string {
  const chars = [...value];
  const prefix = uniqueToken(12);
  return chars.length > 12 ? prefix + chars.slice(12).join('') : prefix + value;
}

/**
 * Names that must be unique among live resources (a job's Name and ImageName). Cases share base
 * requests, so a generated name in use by a live resource is changed, keeping its first character and,
 * while variants of it remain, its length; a name the case set itself (it is what the case tests) waits until no live resource has it.
 * A name once held is never given again: the documents do not say whether deleting a resource frees
 * its name at once, so a deleted resource's name counts as held too.
 */
export class LiveNames {
  readonly #live = new Set<string>();
  /** Names of resources that stay on the target, or were deleted: taken for good. */
  readonly #kept = new Set<string>();
  readonly #waiting: (() => void)[] = [];
  #counter = 0;

  claim(name: string): string {
    let candidate = name;
    while (this.#live.has(candidate) || this.#kept.has(candidate)) {
      this.#counter += 1;
      const suffix = this.#counter.toString(36);
      const chars = [...name];
      // The same length while a suffix fits after the first character; a short name then grows (every variant of its length may be taken).
      candidate = chars.length > suffix.length ? chars.slice(0, chars.length - suffix.length).join('') + suffix : `${chars[0] ?? 'a'}${suffix}`;
    }
    this.#live.add(candidate);
    return candidate;
  }

  /** Takes exactly `name`, waiting while another case holds it; false when a resource that stays on the target, or a deleted one, had it. */
  async reserve(name: string): Promise<boolean> {
    for (;;) {
      if (this.#kept.has(name)) return false;
      if (!this.#live.has(name)) {
        this.#live.add(name);
        return true;
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  /** Ends a claim: `created` when a resource took the name (it stays on the target, or was deleted: the name is not given again). */
  release(name: string, created: boolean): void {
    if (created) this.#kept.add(name);
    this.#live.delete(name);
    for (const wake of this.#waiting.splice(0)) wake();
  }
}

/** The end of a case's lease on a fixture: its names released (for good once a resource took them), the fixture used up when a resource stays on it. */
export function leaseEnd<T>(pool: FixturePool<T>, fixture: T, releaseNames: (created: boolean) => void): (end: CaseEnd) => void {
  return ({ created, kept }) => {
    releaseNames(created);
    if (kept) pool.consume(fixture);
    else pool.release(fixture);
  };
}
