/**
 * Where people's sign-in accounts live: Cognito's user pool in AWS (cognito-user-directory.ts, through its admin
 * API), the local OpenID provider's user store under `npm start` and in tests (local-user-directory.ts). The same
 * use cases and the `admin` command run on either; which one is chosen by the environment.
 */
import type { Role } from '../domain/caller.js';

export type DealerRole = 'admin' | 'user';

export interface NewUser {
  email: string;
  name: string;
  /** The user's group: the API role. */
  role: Role;
  dealerId?: string;
  dealerRole?: DealerRole;
  regions?: string[];
  /** For the admin command; otherwise the directory makes one and mails it with the invitation. */
  temporaryPassword?: string;
  /** The invitation's language, where the directory mails it itself in several. */
  language?: 'en' | 'de' | 'nl';
}

export interface DirectoryUser {
  /** The user's subject (`sub`), which the ID token carries. */
  id: string;
  email: string;
  enabled: boolean;
  dealerId?: string;
  dealerRole?: DealerRole;
}

/** The email address already has an account. */
export class UserExists extends Error {
  constructor() {
    super('A user with this email address exists');
  }
}

export interface UserDirectory {
  findByEmail(email: string): Promise<DirectoryUser | undefined>;
  /** Creates the account and sends the invitation with its temporary sign-in; UserExists when the address has one. */
  invite(user: NewUser): Promise<DirectoryUser>;
  /** No new sign-in and no token refresh from now on; tokens already issued run out at their expiry. */
  disable(userId: string): Promise<void>;
}

/** The directory of this environment: `USER_POOL_ID` (AWS), else `LOCAL_USER_DIRECTORY_URL` (the local stack). */
export async function userDirectory(): Promise<UserDirectory> {
  const userPoolId = process.env.USER_POOL_ID;
  if (userPoolId) {
    const { cognitoUserDirectory } = await import('./cognito-user-directory.js');
    return cognitoUserDirectory(userPoolId);
  }
  const localUrl = process.env.LOCAL_USER_DIRECTORY_URL;
  if (localUrl) {
    const { localUserDirectory } = await import('./local-user-directory.js');
    return localUserDirectory(localUrl, process.env.LOCAL_USER_DIRECTORY_SECRET ?? '');
  }
  throw new Error('No user directory: set USER_POOL_ID (AWS) or LOCAL_USER_DIRECTORY_URL (local stack)');
}
