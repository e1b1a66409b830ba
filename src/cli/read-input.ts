import { readFile } from 'node:fs/promises';
import { InputError } from '../errors/index.ts';
import type { CommandIo } from './command.ts';

/** Reads a file, or standard input for `-`. */
export async function readInput(file: string, io: CommandIo): Promise<string> {
  if (file !== '-') {
    try {
      return await readFile(file, 'utf8');
    } catch (cause) {
      throw new InputError(`cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { cause });
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses JSON, naming the input and the line on failure. */
export function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new InputError(`${origin} is not JSON: ${(cause as Error).message}`, { cause });
  }
}
