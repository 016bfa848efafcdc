import { useTranslation } from 'react-i18next';
import { Page } from '../../../components/Page.js';
import { runtimeConfig } from '../../../config/runtime-config.js';
import { useSession } from '../../auth/hooks/useSession.js';

/** The start page of the manufacturer's roles until their own pages arrive: who is signed in and where to go. */
export function RoleHome() {
  const { t } = useTranslation();
  const session = useSession();
  const apiUrl = runtimeConfig().apiUrl;
  return (
    <Page title={t('roleHome.title', { name: session.name })}>
      <dl>
        <dt>{t('roleHome.role')}</dt>
        <dd>{t(`actor.${session.role}`)}</dd>
        {session.regions.length ? (
          <>
            <dt>{t('roleHome.regions')}</dt>
            <dd>{session.regions.join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('roleHome.email')}</dt>
        <dd>{session.email}</dd>
      </dl>
      <h2>{t('roleHome.links')}</h2>
      <ul>
        <li>
          <a href={`${apiUrl}/openapi.json`}>{t('roleHome.openapi')}</a>
        </li>
        {(t(`roleHome.work.${session.role}`, { returnObjects: true }) as string[]).map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </Page>
  );
}
