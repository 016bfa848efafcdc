/**
 * Credentials of the SDK clients bundled into a Lambda function: the function role's, which Lambda puts in the
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) — the first source the SDK's default
 * chain tries, and the one it finds there. The bundling (infra/constructs/lambda-bundling.ts) puts this module in
 * place of that chain (`@aws-sdk/credential-provider-node`: profiles, SSO, web identity, container and instance
 * metadata with their STS/SSO clients), which a Lambda function never reaches. Outside the bundles (tests,
 * `npm start`) the SDK's chain is used as it is.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
