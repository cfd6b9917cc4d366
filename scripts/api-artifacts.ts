import openapiTS, { astToString } from 'openapi-typescript';
import { buildOpenApiDocument } from '../functions/lib/http/openapi';
import { routes } from '../functions/routes';
import { renderApiReference } from './api-reference';
import { toSwagger2 } from './swagger2';

/**
 * What is generated from the API's OpenAPI document and kept in the repository, each file with its content:
 * the document itself (for connector importers: ServiceNow, Postman), the same as Swagger 2.0 (Power Platform custom
 * connectors import only 2.0; scripts/swagger2.ts), the TypeScript types of a
 * client (openapi-typescript; use them with openapi-fetch) and the API reference. `npm run api-docs` writes them;
 * test/integration/http/api-artifacts.test.ts fails when one is not current.
 */
export const LOCAL_SERVER_URL = 'http://127.0.0.1:3000';

export async function apiArtifacts(): Promise<Record<string, string>> {
  const document = buildOpenApiDocument(routes, LOCAL_SERVER_URL);
  const header = '// Generated from the API\'s OpenAPI document by `npm run api-docs` (openapi-typescript). Do not edit.\n\n';
  const types = header + astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]));
  return {
    'docs/openapi.json': `${JSON.stringify(document, null, 2)}\n`,
    'docs/openapi-v2.json': `${JSON.stringify(toSwagger2(document as unknown as Record<string, unknown>), null, 2)}\n`,
    'clients/typescript/webex-provisioning.d.ts': types,
    'docs/api-reference.md': renderApiReference(document as unknown as Parameters<typeof renderApiReference>[0]),
  };
}
