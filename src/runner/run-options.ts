import type { ApiId } from '../contract/apis.ts';
import type { CasePlan } from './run-api.ts';
import type { Shard } from './shard.ts';
import type { Target } from './target.ts';

/** Everything the suites need to run, as plain data: it crosses from the CLI into vitest's workers. */
export interface RunOptions {
  /** The target of each API to run; APIs not listed are skipped. */
  readonly targets: Readonly<Partial<Record<ApiId, Target>>>;
  readonly seed: number;
  readonly plan?: Partial<CasePlan>;
  readonly concurrency?: number;
  readonly rate?: number;
  readonly timeoutMs?: number;
  /** Cases to plan per API (the plan grows or is trimmed to it). @default the quick default plan */
  readonly budget?: number;
  /** This machine's share of every API's cases and call sequences. @default every case */
  readonly shard?: Shard;
  /** Findings kept whole per kind (API, rule, check, code, severity); every one is counted. @default 10 */
  readonly keptPerKind?: number;
  /** Epoch milliseconds after which no case starts. */
  readonly deadline?: number;
  readonly strict: boolean;
  readonly allowCreate: boolean;
  /** Literal secrets to scrub from findings (profile credentials). */
  readonly secrets: readonly string[];
}

declare module 'vitest' {
  interface ProvidedContext {
    conformance: RunOptions;
  }
}
