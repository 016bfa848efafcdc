import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  fieldId: string;
  label: string;
  message: string;
}

/**
 * The list of what stops a form from being sent, each a link to its field. It takes focus whenever a submit
 * fails (`attempt` changes), so the user hears and sees what to fix.
 */
export function ErrorSummary({ items, attempt, title }: { items: SummaryItem[]; attempt: number; title?: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves on a new attempt only, not on every keystroke that changes the list
  useEffect(() => {
    if (attempt > 0 && items.length > 0) box.current?.focus();
  }, [attempt]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title ?? t('form.summaryTitle', { count: items.length })}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.fieldId + item.message}>
            <a
              href={`#${item.fieldId}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(item.fieldId)?.focus();
              }}
            >
              {item.label}: {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
