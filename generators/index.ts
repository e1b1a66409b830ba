// Cases
export { alsoBrokenBy, createCaseGenerators, drawCases } from './request-case.ts';
export { measureCoverage } from './coverage.ts';
// Context and plans
export { createGenerationContext, defaultMarginMs, hourlyGeneration } from './context.ts';
export { planFor } from './plan.ts';
export { validValue } from './valid/index.ts';
export { concrete, valueAt, withValueAt } from './pointer.ts';

export type { CaseGenerators, CaseKind, CaseMode, Expectation, RequestCase } from './request-case.ts';
export type { CoverageOptions, RuleCoverage } from './coverage.ts';
export type { GenerationContext, GenerationOptions } from './context.ts';
