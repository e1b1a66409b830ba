import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { generatedDir, renderTypes } from './generate-types.ts';

it('keeps src/generated in step with the schemas (run `npm run types` after a schema change)', async () => {
  for (const [name, content] of await renderTypes()) {
    const committed = await readFile(path.join(generatedDir, name), 'utf8').catch(() => '(missing)');
    expect(committed, `src/generated/${name} is stale`).toBe(content);
  }
});
