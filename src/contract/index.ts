// Loading
export { apiIds, discoverApis, editionOf, isApiId, productOf } from './apis.ts';
export { loadAllContracts, loadContract, schemasDir } from './load.ts';
// Rules and validation
export { deriveRules } from './rules.ts';
export { limitRulesOf, moveLimits } from './moved-limits.ts';
export { compileSchema, createAjv, createRequestValidator } from './validator.ts';
export { formatSource } from './source.ts';

export type { ApiId } from './apis.ts';
export type { Contract, ContractExamples } from './load.ts';
export type { Rule, RuleKind } from './rule.ts';
export type { SchemaNode } from './schema-node.ts';
export type { Source } from './source.ts';
export type { ValidationResult, ValidatorOptions, Violation } from './validator.ts';
