/**
 * Node flags of the processes that send cases (the vitest workers of `run`, the bench's measured runs).
 *
 * A run allocates fast (a request, its wire form, its answer per case) and keeps little (findings are
 * bounded, tallies are counts). Left alone, V8 grows the young generation toward its 128 MiB maximum
 * under that allocation rate, and a long run ends with most of its resident memory in an empty
 * nursery: at `--budget 20000` the new space held 128 MiB, none of it live. Capping each semi-space at
 * 16 MiB keeps peak memory nearly flat as the budget grows (measured in `npm run bench`).
 */
export const caseRunnerNodeFlags: readonly string[] = ['--max-semi-space-size=16'];
