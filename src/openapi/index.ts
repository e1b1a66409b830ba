// The contracts as OpenAPI 3.1 documents.
export { documentFile, openApiDocument } from './document.ts';
export { toStandardSchema } from './schema.ts';

export type { OpenApiOptions } from './document.ts';
export type { OpenApiDocument } from './openapi-types.ts';
export type { JsonSchema } from './schema.ts';
