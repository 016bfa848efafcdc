/** Downloads a sales asset through its short-lived presigned URL, saying so to screen readers. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Asset, downloadAsset } from '../api/enablement.js';

export function DownloadButton({ asset }: { asset: Pick<Asset, 'id' | 'title'> }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'started' | 'failed'>('idle');
  const onClick = async () => {
    setState('busy');
    try {
      await downloadAsset(asset.id);
      setState('started');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button
        type="button"
        className="secondary"
        aria-label={t('enablement.product.downloadNamed', { title: asset.title })}
        aria-busy={state === 'busy'}
        disabled={state === 'busy'}
        onClick={() => void onClick()}
      >
        {t('enablement.product.download')}
      </button>
      <small role="status" className={state === 'failed' ? 'field-error' : 'muted'}>
        {state === 'busy' ? t('enablement.product.downloading', { title: asset.title }) : null}
        {state === 'started' ? t('enablement.product.downloaded', { title: asset.title }) : null}
        {state === 'failed' ? t('enablement.product.downloadFailed') : null}
      </small>
    </>
  );
}
