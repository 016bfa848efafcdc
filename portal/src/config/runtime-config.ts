/**
 * The settings the portal reads at start from `/config.json` (written at deploy in AWS, served by the local stack
 * locally), so one build runs against any API and sign-in.
 */
export interface RuntimeConfig {
  /** Base URL of the API, absolute or a path on this origin (`/api`). */
  apiUrl: string;
  /** The OpenID provider (Cognito user pool issuer, or the local provider). */
  authority: string;
  clientId: string;
  redirectUri?: string;
  postLogoutRedirectUri?: string;
  scope?: string;
  /** Cognito's managed login origin, whose `/logout` ends the sign-in session there too (its discovery names none). */
  loginDomain?: string;
}

let loaded: RuntimeConfig | undefined;

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  const config = (await response.json()) as RuntimeConfig;
  if (!config.apiUrl || !config.authority || !config.clientId) throw new Error('config.json needs apiUrl, authority and clientId');
  loaded = config;
  return config;
}

export function runtimeConfig(): RuntimeConfig {
  if (!loaded) throw new Error('The runtime configuration is not loaded yet.');
  return loaded;
}
