/**
 * Writes the OpenAPI document to the file named by the first argument: the build puts it beside the bundle of
 * `GET /openapi.json` (BUILT_FILES, infra/constructs/lambda-bundling.ts), which then serves it as it is.
 */
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../../shared/api/openapi.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: tsx tooling/openapi/write-document.ts <file>');
  process.exit(2);
}
writeFileSync(file, JSON.stringify(openApiDocument()));
