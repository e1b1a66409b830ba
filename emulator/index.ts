// The core
export { createEmulator } from './emulator.ts';
// Front ends: node:http on 127.0.0.1, msw handlers
export { startEmulatorServer } from './server.ts';
export { createHandlers, vendorEndpoints } from './msw-handlers.ts';
// Faults
export { faults, isFaultName } from './faults.ts';
// Readings
export { checkReadings } from './settings.ts';
// Limits
export { bodyLimits } from './body-limits.ts';

export type { Emulator, EmulatorOptions, SmcEdition } from './emulator.ts';
export type { EmulatorServer, EmulatorServerOptions } from './server.ts';
export type { FaultDefinition, FaultHook, FaultName } from './faults.ts';
export type { Job, Store, Task } from './store.ts';
