/**
 * Where API clients exchange their credentials for a token: the user pool's OAuth domain in AWS (the CDK sets
 * `API_CLIENT_TOKEN_URL`), the local sign-in under `npm start`. Read when asked, not at import: the local stack
 * sets it after its sign-in server starts.
 */
export const LOCAL_TOKEN_URL = 'http://localhost:8081/token';

export const tokenUrl = () => process.env.API_CLIENT_TOKEN_URL ?? LOCAL_TOKEN_URL;

/** The OpenAPI security scheme of API clients (OAuth 2 client credentials), by its name in the document. */
export const CRM_CLIENT_SCHEME = 'crmClient';

interface DescribedTokenUrl {
  components?: { securitySchemes?: Record<string, { flows?: { clientCredentials?: { tokenUrl?: string } } }> };
}

/**
 * The API description with this environment's token URL: the document is built before the stage's sign-in domain
 * is known (infra/constructs/lambda-bundling.ts, BUILT_FILES), so the function states it when it starts.
 */
export function withTokenUrl<Document extends DescribedTokenUrl>(document: Document, url = tokenUrl()): Document {
  const flow = document.components?.securitySchemes?.[CRM_CLIENT_SCHEME]?.flows?.clientCredentials;
  if (flow) flow.tokenUrl = url;
  return document;
}
