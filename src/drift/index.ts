export { changeKinds, combine, impacts, isBreaking } from './change.ts';
export { diffContracts } from './diff.ts';
export { failsOn, formatValue, groupByKind, renderJson, renderMarkdown, renderText } from './render.ts';

export type { Change, ChangeKind, ContractDiff, Effect, Impact } from './change.ts';
