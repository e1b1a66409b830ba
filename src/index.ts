/**
 * migration-conformance: contract and conformance tests for cloud migration-task APIs.
 * Subpaths: `./emulator` (the reference emulator and its msw handlers), `./reports` (report writers).
 */

// The contract
export { apiIds, compileSchema, createRequestValidator, deriveRules, discoverApis, loadAllContracts, loadContract } from './contract/index.ts';
export { createReadingValidator, createRequestJudge } from './contract/judge.ts';
// Generation
export { createCaseGenerators, measureCoverage } from '../generators/index.ts';
// Running
export { runApi } from './runner/run-api.ts';
export { runSuites } from '../suites/run-suites.ts';
export { runOperation } from './conformance/run-operation.ts';
export { runStatefulChecks } from './stateful/index.ts';
export { adapterOf } from './adapters/index.ts';
export { assembleResult } from './runner/assemble-result.ts';
export { mergeResults } from './runner/merge-results.ts';
export { loadProfile, parseProfile } from './profile/load-profile.ts';
export { defineConfig } from './config/define-config.ts';
export { checks } from './checks/index.ts';
// Drift: between editions, and between the documents and an endpoint
export { diffContracts } from './drift/index.ts';
export { probeApi } from './probe/probe-api.ts';
// Errors
export { ConformanceError, isConformanceError } from './errors/index.ts';

export type { ApiId, Contract, Rule, RuleKind, ValidationResult, Violation } from './contract/index.ts';
export type { Expectation, RequestCase } from '../generators/index.ts';
export type { Judgement, ReadingVerdict } from './contract/judge.ts';
export type { ProtocolAdapter, Target } from './adapters/index.ts';
export type { ApiRunOptions, ApiRunOutput } from './runner/run-api.ts';
export type { RunOptions } from './runner/run-options.ts';
export type { Coverage, RuleOutcome, RunResult, Verdict } from './runner/run-result.ts';
export type { Check, Finding, Severity } from './checks/index.ts';
export type { TargetProfile } from './profile/load-profile.ts';
export type { Config } from './config/define-config.ts';
export type { Change, ContractDiff } from './drift/index.ts';
export type { ProbeOptions } from './probe/probe-api.ts';
export type { BoundResult, ProbeResult } from './probe/probe-result.ts';
