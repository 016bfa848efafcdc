import { useTranslation } from 'react-i18next';

/** A request's or claim's status as a badge, worded for the funds pages (a claim's `approved` is not a request's). */
export function FundStatus({ status, of }: { status: string; of: 'request' | 'claim' }) {
  const { t } = useTranslation();
  return <span className={`badge ${status}`}>{t(`funds.status.${of}.${status}`)}</span>;
}
