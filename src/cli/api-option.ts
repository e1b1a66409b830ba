import { apiIds, isApiId, type ApiId } from '../contract/apis.ts';
import { UsageError } from '../errors/index.ts';
import type { OptionSpec } from './command.ts';

/** The `--api` option, shared by the commands that act on one operation and edition. */
export const apiOption: OptionSpec = { type: 'string', value: '<id>', description: `API id: ${apiIds.join(', ')}` };

/** Reads and checks `--api`. */
export function requireApi(value: unknown, command: string): ApiId {
  if (typeof value !== 'string') throw new UsageError(`${command}: --api <id> is required; one of ${apiIds.join(', ')}`);
  if (!isApiId(value)) throw new UsageError(`${command}: unknown API id "${value}"; one of ${apiIds.join(', ')}`);
  return value;
}
