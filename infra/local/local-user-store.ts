/**
 * The local OpenID provider's user store, the local stand-in for Cognito's user pool: the demo users, plus the
 * users the API invites (dealer users, the admin command's users) with a temporary password mailed to the SES
 * emulator, as Cognito mails its invitation. Disabled users can no longer sign in. Kept in `.data/` under
 * `npm start`, in memory in tests. The API reaches it over the provider's admin endpoint (admin-endpoint below).
 */
import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { ROLES } from '../../shared/api/routes.js';
import { invitationMail } from '../../shared/notifications/onboarding-mails.js';
import { sendMail } from '../../shared/outbox/mail-sender.js';
import type { DirectoryUser, NewUser } from '../../shared/users/user-directory.js';
import { DEMO_USERS, type DemoUser } from './demo-users.js';

export interface StoredUser extends DemoUser {
  enabled: boolean;
  /** scrypt hash and salt of the temporary password of an invited user (demo users sign in without one). */
  password?: { salt: string; hash: string };
}

const hashOf = (password: string, salt: string) => scryptSync(password, salt, 32).toString('base64url');

export interface LocalUserStore {
  bySubject(subject: string): StoredUser | undefined;
  /** The enabled user with this email and password, for the sign-in form. */
  signIn(email: string, password: string): StoredUser | undefined;
  findByEmail(email: string): StoredUser | undefined;
  invite(user: NewUser): Promise<StoredUser>;
  disable(subject: string): StoredUser | undefined;
}

export const toDirectoryUser = (user: StoredUser): DirectoryUser => ({
  id: user.subject,
  email: user.email,
  enabled: user.enabled,
  ...(user.dealerId ? { dealerId: user.dealerId } : {}),
  ...(user.dealerRole ? { dealerRole: user.dealerRole } : {}),
});

/** `file`: where invited users are kept across restarts (none: in memory). `portalUrl`: named in the invitation. */
export function localUserStore(options: { file?: string; portalUrl: string }): LocalUserStore {
  const users = new Map<string, StoredUser>(DEMO_USERS.map((u) => [u.subject, { ...u, enabled: true }]));
  if (options.file && existsSync(options.file)) {
    for (const user of JSON.parse(readFileSync(options.file, 'utf8')) as StoredUser[]) users.set(user.subject, user);
  }
  const save = () => {
    if (!options.file) return;
    mkdirSync(path.dirname(options.file), { recursive: true });
    const changed = [...users.values()].filter((u) => u.password || !u.enabled);
    writeFileSync(options.file, JSON.stringify(changed, null, 2), { mode: 0o600 });
  };
  const findByEmail = (email: string) => [...users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase());

  return {
    bySubject: (subject) => {
      const user = users.get(subject);
      return user?.enabled ? user : undefined;
    },
    signIn(email, password) {
      const user = findByEmail(email);
      if (!user?.enabled || !user.password) return undefined;
      const given = Buffer.from(hashOf(password, user.password.salt));
      const stored = Buffer.from(user.password.hash);
      return given.length === stored.length && timingSafeEqual(given, stored) ? user : undefined;
    },
    findByEmail,
    async invite(request) {
      const temporary = request.temporaryPassword ?? `${randomBytes(9).toString('base64url')}-7a`;
      const salt = randomBytes(16).toString('base64url');
      const user: StoredUser = {
        role: request.role,
        subject: `local-${randomUUID()}`,
        name: request.name,
        email: request.email.toLowerCase(),
        description: request.dealerId ? `${request.dealerId}, ${request.dealerRole ?? 'user'}` : request.role,
        ...(request.dealerId ? { dealerId: request.dealerId, dealerRole: request.dealerRole ?? 'user' } : {}),
        ...(request.regions?.length ? { regions: request.regions } : {}),
        enabled: true,
        password: { salt, hash: hashOf(temporary, salt) },
      };
      users.set(user.subject, user);
      save();
      await sendMail(
        invitationMail({
          id: `invitation-${user.subject}`,
          to: user.email,
          language: request.language,
          temporaryPassword: temporary,
          portalUrl: options.portalUrl,
        }),
      );
      return user;
    },
    disable(subject) {
      const user = users.get(subject);
      if (!user) return undefined;
      user.enabled = false;
      save();
      return user;
    },
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

const isNewUser = (value: unknown): value is NewUser => {
  const v = value as Partial<NewUser>;
  return typeof v?.email === 'string' && typeof v.name === 'string' && ROLES.includes(v.role as NewUser['role']);
};

/**
 * The store's admin endpoint on the provider (`/_local/users`), as Cognito's admin API: find by email, invite,
 * disable. Only callers holding the stack's directory secret (the API's handlers) are answered.
 */
export function adminEndpoint(store: LocalUserStore, secret: string) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith('/_local/users')) return false;
    const json = (status: number, body?: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(body === undefined ? '' : JSON.stringify(body));
    };
    const given = Buffer.from(String(request.headers['x-local-directory-secret'] ?? ''));
    const expected = Buffer.from(secret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      json(403, { message: 'Forbidden' });
      return true;
    }
    const disable = /^\/_local\/users\/([^/]+)\/disable$/.exec(url.pathname);
    if (request.method === 'GET' && url.pathname === '/_local/users') {
      const user = store.findByEmail(url.searchParams.get('email') ?? '');
      json(user ? 200 : 404, user ? toDirectoryUser(user) : { message: 'No such user' });
    } else if (request.method === 'POST' && url.pathname === '/_local/users') {
      const body = await readJson(request).catch(() => undefined);
      if (!isNewUser(body)) json(400, { message: 'email, name and role are required' });
      else if (store.findByEmail(body.email)) json(409, { message: 'A user with this email address exists' });
      else json(201, toDirectoryUser(await store.invite(body)));
    } else if (request.method === 'POST' && disable) {
      const user = store.disable(decodeURIComponent(disable[1] as string));
      json(user ? 200 : 404, user ? toDirectoryUser(user) : { message: 'No such user' });
    } else {
      json(405, { message: 'Method not allowed' });
    }
    return true;
  };
}
