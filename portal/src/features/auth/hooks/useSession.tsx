/**
 * The signed-in user for the whole app. Finishes a sign-in coming back to `/auth/callback`, otherwise restores the
 * stored session or starts the sign-in; a 401 from the API (expired or revoked token) starts it again.
 */
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { paths } from '../../../app/paths.js';
import { connectApiClient } from '../../../lib/api-client.js';
import { type Session, sessionOf, signIn, userManager } from '../../../lib/auth.js';

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

type State = { kind: 'loading' } | { kind: 'signed-in'; session: Session } | { kind: 'failed'; message: string };

let established: Promise<Session | undefined> | undefined;

/** Once per page load: an authorization code can be redeemed only once (and StrictMode runs effects twice). */
function establishOnce() {
  established ??= establish();
  return established;
}

async function establish(): Promise<Session | undefined> {
  const users = userManager();
  if (window.location.pathname === paths.callback) {
    const user = await users.signinRedirectCallback();
    const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
    window.history.replaceState(null, '', returnTo?.startsWith('/') && !returnTo.startsWith('//') ? returnTo : paths.home);
    return sessionOf(user);
  }
  const user = await users.getUser();
  if (!user || user.expired) {
    await signIn();
    return undefined;
  }
  return sessionOf(user);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let active = true;
    establishOnce()
      .then((session) => {
        if (!active) return;
        if (session) {
          connectApiClient(
            () => session.idToken,
            () =>
              void userManager()
                .removeUser()
                .then(() => signIn()),
          );
          setState({ kind: 'signed-in', session });
        } else if (window.location.pathname === paths.callback) {
          setState({ kind: 'failed', message: t('auth.noRole') });
        }
      })
      .catch((error: unknown) => active && setState({ kind: 'failed', message: (error as Error).message }));
    return () => {
      active = false;
    };
  }, [t]);

  if (state.kind === 'signed-in') return <SessionContext.Provider value={state.session}>{children}</SessionContext.Provider>;
  return (
    <main className="container" aria-busy={state.kind === 'loading'}>
      <h1>{t('app.name')}</h1>
      {state.kind === 'loading' ? (
        <p>{t('auth.signingIn')}</p>
      ) : (
        <>
          <p role="alert">{t('auth.failed', { message: state.message })}</p>
          <button
            type="button"
            onClick={() =>
              void userManager()
                .removeUser()
                .then(() => signIn(paths.home))
            }
          >
            {t('auth.signInAgain')}
          </button>
        </>
      )}
    </main>
  );
}
