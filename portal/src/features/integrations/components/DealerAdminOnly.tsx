/** Integrations are the dealer admin's (the API answers 403 to plain dealer users): others read who to ask. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../../components/Page.js';
import { useSession } from '../../auth/hooks/useSession.js';

export function DealerAdminOnly({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.dealerAdmin) return children;
  return (
    <Page title={t(title)}>
      <p>{t('integrations.adminOnly')}</p>
    </Page>
  );
}
