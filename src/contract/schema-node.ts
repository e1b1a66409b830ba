import { escapePointer } from '../json/pointer.ts';
import type { Source } from './source.ts';

/** A request-schema node as this project writes them: JSON Schema plus our vocabulary and annotations. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly description?: string;
  readonly 'x-source'?: readonly Source[];
  readonly [keyword: string]: unknown;
}

/** Where a schema node sits: its schema pointer, its parameter path and its instance pointer template. */
export interface NodeSite {
  readonly schemaPointer: string;
  readonly path: readonly string[];
  readonly pointer: string;
  /** `items` for the item schema of an array: it shares the array's parameter path. */
  readonly role: 'root' | 'property' | 'items';
}

/** Calls `visit` for every node of a schema, depth first, with its site. */
export function walkSchema(root: SchemaNode, visit: (node: SchemaNode, site: NodeSite) => void): void {
  const walk = (node: SchemaNode, site: NodeSite): void => {
    visit(node, site);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      walk(child, {
        schemaPointer: `${site.schemaPointer}/properties/${escapePointer(name)}`,
        path: [...site.path, name],
        pointer: `${site.pointer}/${escapePointer(name)}`,
        role: 'property',
      });
    }
    if (node.items) {
      walk(node.items, { schemaPointer: `${site.schemaPointer}/items`, path: site.path, pointer: `${site.pointer}/*`, role: 'items' });
    }
  };
  walk(root, { schemaPointer: '', path: [], pointer: '', role: 'root' });
}


/** The node at a JSON pointer of the schema. */
export function nodeAt(root: SchemaNode, schemaPointer: string): SchemaNode | undefined {
  let node: unknown = root;
  for (const raw of schemaPointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node as SchemaNode | undefined;
}
