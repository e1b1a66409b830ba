import type { SchemaNode } from '../src/contract/schema-node.ts';
import { plainChars } from '../src/keywords/char-set.ts';
import { keywords } from '../src/keywords/index.ts';
import type { GenerationContext } from '../src/keywords/keyword.ts';
import type { ValuePlan } from '../src/keywords/value-plan.ts';

/** Generation caps where the schema sets no limit: short strings, small lists, non-negative 32-bit integers. */
export const unconstrained = { maxLength: 16, maxItems: 3, min: 0, max: 2 ** 31 - 1 } as const;

function basePlan(node: SchemaNode): ValuePlan {
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'string':
      // A value left empty may read as an absent parameter, so strings are non-empty unless the schema says otherwise.
      return { type: 'string', minLength: 1, maxLength: unconstrained.maxLength, chars: plainChars, forbiddenPrefixes: [] };
    case 'integer':
    case 'number':
      return { type, min: unconstrained.min, max: unconstrained.max };
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
      return { type: 'array', minItems: 0, maxItems: unconstrained.maxItems };
    case 'object':
      return { type: 'object' };
    default:
      throw new Error(`plan: the node at hand has no generatable type (${JSON.stringify(node.type)})`);
  }
}

const plans = new WeakMap<GenerationContext, WeakMap<SchemaNode, ValuePlan>>();

/** The valid space of a node's values: its type's plan, narrowed by every keyword on the node, in registry order. Cached per context. */
export function planFor(node: SchemaNode, context: GenerationContext): ValuePlan {
  let byNode = plans.get(context);
  if (!byNode) plans.set(context, (byNode = new WeakMap()));
  let plan = byNode.get(node);
  if (!plan) byNode.set(node, (plan = computePlan(node, context)));
  return plan;
}

function computePlan(node: SchemaNode, context: GenerationContext): ValuePlan {
  let plan = basePlan(node);
  for (const keyword of keywords) if (keyword.narrow && node[keyword.keyword] !== undefined) plan = keyword.narrow(plan, node, context);
  if (plan.type === 'string' && plan.minLength > plan.maxLength) throw new Error(`plan: minLength ${plan.minLength} exceeds maxLength ${plan.maxLength}`);
  if ((plan.type === 'integer' || plan.type === 'number') && plan.min > plan.max) throw new Error(`plan: minimum ${plan.min} exceeds maximum ${plan.max}`);
  return plan;
}
