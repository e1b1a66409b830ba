// The stateful checks: directed scenarios per stateful rule and model-based call sequences (SMC), referenced resources (DCS).
export { runStatefulChecks, statefulFamilies, type StatefulCheckOptions, type StatefulChecksOutput } from './run-stateful.ts';
export { familyOf, sequencesFamily, statefulFamiliesOf } from './ledger.ts';
export { quotaCap } from './smc-scenarios.ts';
