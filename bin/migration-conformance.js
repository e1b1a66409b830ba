#!/usr/bin/env node
// The CLI is TypeScript run by Node's type stripping (Node >= 22.18). On an older Node, re-run it
// with the Node the project pins as a dependency, so `npx migration-conformance` works either way.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const [major, minor] = process.versions.node.split('.').map(Number);
const canStripTypes = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);

if (canStripTypes) {
  const { main, ignoreBrokenPipe } = await import(entry);
  ignoreBrokenPipe();
  process.exitCode = await main(process.argv.slice(2));
} else {
  let pinnedNode;
  try {
    pinnedNode = createRequire(import.meta.url).resolve('node/bin/node');
  } catch {
    console.error(`migration-conformance: needs Node >= 22.18 (this is ${process.version}); run 'npm ci' to install the pinned Node.`);
    process.exit(2);
  }
  const result = spawnSync(pinnedNode, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
