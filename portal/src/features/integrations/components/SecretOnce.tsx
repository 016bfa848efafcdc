import { useTranslation } from 'react-i18next';

/** A secret the API shows this once: the admin copies it now or creates a new one later. */
export function SecretOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="attention">
      <p>
        <strong>{t('integrations.secretOnce')}</strong>
      </p>
      <label htmlFor="shown-secret">{label}</label>
      <input id="shown-secret" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" className="secondary" onClick={onDone}>
        {t('integrations.secretStored')}
      </button>
    </div>
  );
}
