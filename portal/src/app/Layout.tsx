import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigation } from 'react-router';
import { LanguageSwitcher } from '../components/LanguageSwitcher.js';
import { Loading } from '../components/Loading.js';
import { useSession } from '../features/auth/hooks/useSession.js';
import { SupportFooter } from '../features/enablement/components/SupportFooter.js';
import { signOut } from '../lib/auth.js';
import { navigationOf } from './navigation.js';

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigation = useNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <nav className="container" aria-label={t('nav.main')}>
          <ul>
            <li>
              <strong className="brand">{t('app.name')}</strong>
            </li>
          </ul>
          <ul className="nav-links">
            {navigationOf(session).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end ?? false}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
          <ul className="nav-tools">
            <li>
              <LanguageSwitcher />
            </li>
            <li>
              <span className="user" title={session.email}>
                {session.name}
              </span>
            </li>
            <li>
              <button type="button" className="secondary outline" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" className="container" aria-busy={navigation.state === 'loading'}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <SupportFooter enabled={session.role === 'dealer'} />
    </>
  );
}
