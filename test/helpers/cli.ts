import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';

/** What a CLI command printed and returned. */
export interface CliOutput {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in-process with captured streams and `stdin` as standard input. */
export async function cli(argv: readonly string[], stdin = ''): Promise<CliOutput> {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) => new Writable({ write: (chunk, _encoding, done) => (append(String(chunk)), done()) });
  const code = await main([...argv], { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), stdin: Readable.from([stdin]) });
  return { code, out, err };
}
