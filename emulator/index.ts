// The emulator
export { createEmulator } from './emulator.ts';
export { startEmulatorServer } from './server.ts';
export { createHandlers } from './msw-handlers.ts';
// Faults
export { faults, isFaultName } from './faults.ts';

export type { Emulator, EmulatorOptions } from './emulator.ts';
export type { EmulatorServer } from './server.ts';
export type { FaultDefinition, FaultName } from './faults.ts';
