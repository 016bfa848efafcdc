import { useTranslation } from 'react-i18next';

/** A product's availability: published, early access (Gold only) or withdrawn. */
export function AvailabilityBadge({ availability }: { availability: 'published' | 'early_access' | 'withdrawn' }) {
  const { t } = useTranslation();
  return <span className={`badge availability-${availability}`}>{t(`enablement.availability.${availability}`)}</span>;
}
