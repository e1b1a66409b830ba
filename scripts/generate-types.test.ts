import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { configSchemaFile, generatedDir, renderConfigSchema, renderTypes } from './generate-types.ts';

it('keeps src/generated in step with the schemas (run `npm run types` after a schema change)', async () => {
  for (const [name, content] of await renderTypes()) {
    const committed = await readFile(path.join(generatedDir, name), 'utf8').catch(() => '(missing)');
    expect(committed, `src/generated/${name} is stale`).toBe(content);
  }
});

it("keeps schemas/config.schema.json in step with the commands' options (run `npm run types` after changing an option)", async () => {
  const committed = await readFile(configSchemaFile, 'utf8').catch(() => '(missing)');
  expect(committed, 'schemas/config.schema.json is stale').toBe(renderConfigSchema());
});
