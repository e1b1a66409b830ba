import type { JsonSchema } from './schema.ts';

/** The parts of OpenAPI 3.1 this export writes. `x-` extensions are allowed on every object. */
export interface Extensible {
  readonly [extension: `x-${string}`]: unknown;
}

export interface ParameterObject extends Extensible {
  readonly name: string;
  readonly in: 'query' | 'path' | 'header';
  readonly required: boolean;
  readonly description: string;
  readonly schema: JsonSchema;
  readonly style?: 'form' | 'simple';
  readonly explode?: boolean;
}

export interface MediaTypeObject {
  readonly schema: JsonSchema;
  readonly example?: unknown;
}

export interface RequestBodyObject {
  readonly description: string;
  readonly required: boolean;
  readonly content: Readonly<Record<string, MediaTypeObject>>;
}

export interface ResponseObject extends Extensible {
  readonly description: string;
  readonly content: Readonly<Record<string, MediaTypeObject>>;
}

export type Responses = Readonly<Record<string, ResponseObject>>;

export interface OperationObject extends Extensible {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly parameters: readonly ParameterObject[];
  readonly requestBody?: RequestBodyObject;
  readonly responses: Responses;
}

export interface SecuritySchemeObject {
  readonly type: 'apiKey';
  readonly in: 'query' | 'header';
  readonly name: string;
  readonly description: string;
}

/** What the operations of every wire style take from the document: their id, words, tag, request schema (translated) and responses. */
export interface OperationInput {
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly request: JsonSchema;
  readonly responses: Responses;
}

export interface OpenApiDocument extends Extensible {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly servers: readonly { readonly url: string; readonly description: string; readonly variables?: Readonly<Record<string, { readonly default: string; readonly description: string }>> }[];
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
  readonly tags: readonly { readonly name: string; readonly description: string }[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, OperationObject>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly securitySchemes: Readonly<Record<string, SecuritySchemeObject>>;
  };
}
