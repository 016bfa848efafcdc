import { useTranslation } from 'react-i18next';

/**
 * Previous and next for a list read page by page with the API's cursors: `cursors` holds the cursor of every page
 * before the current one, so going back needs no cursor of its own.
 */
export function Pager({
  cursors,
  setCursors,
  nextCursor,
}: {
  cursors: string[];
  setCursors: (update: (cursors: string[]) => string[]) => void;
  nextCursor: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('list.paging')} className="row-actions">
      <button type="button" className="secondary" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
        {t('list.previous')}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={!nextCursor}
        onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])}
      >
        {t('list.next')}
      </button>
    </nav>
  );
}
