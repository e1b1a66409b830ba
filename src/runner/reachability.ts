import { TargetUnreachableError } from '../errors/index.ts';

/**
 * Makes sure every endpoint answers at all before the run starts: any HTTP answer will do; a refused
 * connection, an unknown host or silence ends the run with its own exit code instead of a wall of findings.
 */
export async function assertReachable(endpoints: readonly string[], timeoutMs = 5000): Promise<void> {
  for (const endpoint of new Set(endpoints)) {
    try {
      const response = await fetch(endpoint, { method: 'GET', signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
      await response.body?.cancel();
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new TargetUnreachableError(`cannot reach ${endpoint} (${cause}); is the target running, and is the profile's endpoint right?`, { cause: error });
    }
  }
}
