/** The dealer's support contact (its tier and region decide whom), at the foot of every page. */
import { useTranslation } from 'react-i18next';
import { useSupportContact } from '../api/enablement.js';

export function SupportFooter({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const contact = useSupportContact(enabled);
  if (!enabled || !contact.data) return null;
  const c = contact.data;
  return (
    <footer className="container support-footer">
      <section aria-labelledby="support-heading">
        <h2 id="support-heading">{t('enablement.support.title')}</h2>
        <p>
          {t(`enablement.support.kinds.${c.kind}`)}
          {c.name ? `: ${c.name}` : ''} · <a href={`mailto:${c.email}`}>{c.email}</a>
          {c.phone ? (
            <>
              {' '}
              · {t('enablement.support.phone')} <a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>{c.phone}</a>
            </>
          ) : null}
          {c.hours ? (
            <>
              {' '}
              · {t('enablement.support.hours')} {c.hours}
            </>
          ) : null}
        </p>
      </section>
    </footer>
  );
}
