export { ConfigError } from './config-error.ts';
export { ConformanceError, exitCodes, isConformanceError } from './conformance-error.ts';
export { ContractError } from './contract-error.ts';
export { InputError } from './input-error.ts';
export { ProfileError } from './profile-error.ts';
export { TargetRefusedError } from './target-refused-error.ts';
export { TargetUnreachableError } from './target-unreachable-error.ts';
export { UsageError } from './usage-error.ts';
