/**
 * The user directory of the local stack: the local OpenID provider's user store, reached over its admin endpoint
 * (`/_local/users` on the provider, infra/local/local-user-store.ts) as Cognito's admin API is reached in AWS. The
 * provider mails the invitation to the SES emulator, as Cognito mails its own.
 */
import type { DirectoryUser, NewUser, UserDirectory } from './user-directory.js';
import { UserExists } from './user-directory.js';

export function localUserDirectory(baseUrl: string, secret: string): UserDirectory {
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-local-directory-secret': secret },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status === 409) throw new UserExists();
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`Local user directory: ${method} ${path} answered ${response.status}`);
    return (await response.json()) as DirectoryUser;
  };
  return {
    findByEmail: (email) => request('GET', `/_local/users?email=${encodeURIComponent(email.toLowerCase())}`),
    invite: async (user: NewUser) => (await request('POST', '/_local/users', user)) as DirectoryUser,
    async disable(userId) {
      if (!(await request('POST', `/_local/users/${encodeURIComponent(userId)}/disable`))) throw new Error(`No local user ${userId}`);
    },
  };
}
