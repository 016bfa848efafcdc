/** Who wrote a post as the API shows it: "a dealer", the company it chose to show, the manufacturer, or you. */
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import type { Question } from '../api/community.js';

export function AuthorLine({ author, createdAt }: { author: Question['author']; createdAt: string }) {
  const { t } = useTranslation();
  const who = author.company ?? (author.kind === 'dealer' ? t('community.aDealer') : t('community.manufacturer'));
  return (
    <small className="muted">
      {author.you ? t('community.byYou', { who }) : t('community.by', { who })} · {formatDateTime(createdAt, currentLocale())}
    </small>
  );
}
