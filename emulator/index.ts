// The core: operations from their contracts, behind one front end per vendor protocol
export { createEmulator, routeOf } from './emulator.ts';
// Servers: node:http on 127.0.0.1, msw handlers
export { startEmulatorServer } from './server.ts';
export { createHandlers, vendorEndpoints } from './msw-handlers.ts';
// Faults
export { faults, isFaultName } from './faults.ts';
// Readings and moved bounds
export { checkDrift, checkReadings, movesOf } from './settings.ts';
// Limits
export { bodyLimits } from './front-ends/index.ts';
// Stateful rule plug-ins
export { rulePlugins } from './rules/index.ts';

export type { Edition, Emulator, EmulatorOptions } from './emulator.ts';
export type { EmulatorServer, EmulatorServerOptions } from './server.ts';
export type { FaultDefinition, FaultHook, FaultName, RuleWrap } from './faults.ts';
export type { HeldResource, ProfileTarget, RuleCall, RuleOutcome, RulePlugin } from './rules/index.ts';
