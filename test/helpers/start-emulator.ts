import { afterAll, onTestFinished } from 'vitest';
import { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from '../../emulator/index.ts';

const running = new Set<EmulatorServer>();

// Servers started outside a test (in beforeAll) close when the importing file's tests are done.
afterAll(async () => {
  await Promise.all([...running].map((server) => server.close()));
  running.clear();
});

/**
 * Starts the emulator on 127.0.0.1 (a free port) and closes it by itself: after the current test when
 * called inside one, else after the file's tests.
 */
export async function startEmulator(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const server = await startEmulatorServer(options);
  running.add(server);
  const close = async () => {
    if (running.delete(server)) await server.close();
  };
  try {
    onTestFinished(close);
  } catch {
    // Not inside a test: the file-level afterAll above closes it.
  }
  return { ...server, close };
}
