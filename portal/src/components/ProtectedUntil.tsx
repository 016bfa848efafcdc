import { useTranslation } from 'react-i18next';
import { daysUntil, formatDate } from '../lib/format.js';
import { currentLocale } from '../lib/i18n.js';

/** "Protected until 12 Mar 2027 (90 days)". */
export function ProtectedUntil({ until }: { until: string }) {
  const { t } = useTranslation();
  const days = daysUntil(until);
  return <span className="protected-until">{t('protection.until', { date: formatDate(until, currentLocale()), count: days })}</span>;
}
