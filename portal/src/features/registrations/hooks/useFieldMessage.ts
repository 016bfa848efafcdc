import { useTranslation } from 'react-i18next';

/** The schema's messages that people meet most, in the reader's language; anything else as the API words it. */
const KNOWN: Record<string, string> = {
  'is required': 'form.errors.required',
  'must not be blank': 'form.errors.required',
  'must be an email address': 'form.errors.email',
  'must not be in the past': 'form.errors.pastDate',
  'must be a date YYYY-MM-DD': 'form.errors.date',
  'must not be negative': 'form.errors.negative',
  'must be a whole number': 'form.errors.wholeNumber',
};

export function useFieldMessage() {
  const { t } = useTranslation();
  return (message: string | undefined) => (message === undefined ? undefined : KNOWN[message] ? t(KNOWN[message]) : message);
}
