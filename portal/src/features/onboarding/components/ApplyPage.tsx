/** The public partner application form: no sign-in; validated by the API's own schema before it is sent. */
import { ApplicationInput } from '@shared/schemas/onboarding.js';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { SelectField, TextAreaField, TextField } from '../../../components/Field.js';
import { LanguageSwitcher } from '../../../components/LanguageSwitcher.js';
import { ApiError } from '../../../lib/api-client.js';
import { currentLocale } from '../../../lib/i18n.js';
import { countryOptions } from '../../registrations/components/countries.js';
import { submitApplication } from '../api/onboarding.js';

const FIELDS = ['companyName', 'country', 'city', 'vatId', 'website', 'contactName', 'email', 'message'] as const;
type Field = (typeof FIELDS)[number];
const PATHS: Record<string, Field> = {
  '/company/name': 'companyName',
  '/company/country': 'country',
  '/company/city': 'city',
  '/company/vatId': 'vatId',
  '/company/website': 'website',
  '/contact/name': 'contactName',
  '/contact/email': 'email',
  '/message': 'message',
};

export function ApplyPage() {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const [form, setForm] = useState<Record<Field, string>>(Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<Field, string>);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<'editing' | 'sending' | 'sent' | 'failed' | 'limited'>('editing');

  const input = () => ({
    company: {
      name: form.companyName,
      country: form.country,
      city: form.city,
      ...(form.vatId.trim() ? { vatId: form.vatId } : {}),
      ...(form.website.trim() ? { website: form.website } : {}),
    },
    contact: { name: form.contactName, email: form.email },
    ...(form.message.trim() ? { message: form.message } : {}),
    language: (['en', 'de', 'nl'].includes(i18n.resolvedLanguage ?? '') ? i18n.resolvedLanguage : 'en') as 'en' | 'de' | 'nl',
  });

  const fieldErrors = (issues: { path: string; message: string }[]) => {
    const found: Partial<Record<Field, string>> = {};
    for (const issue of issues) {
      const field = PATHS[issue.path];
      if (field) found[field] ??= issue.message;
    }
    return found;
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = ApplicationInput.safeParse(input());
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message }))));
      return;
    }
    setErrors({});
    setState('sending');
    try {
      await submitApplication(parsed.data);
      setState('sent');
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        setErrors(fieldErrors(error.problem.errors ?? []));
        setState('editing');
      } else setState(error instanceof ApiError && error.status === 429 ? 'limited' : 'failed');
    }
  }

  const set = (field: Field) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  const summary = FIELDS.filter((f) => errors[f]).map((f) => ({
    fieldId: `apply-${f}`,
    label: t(`onboarding.apply.fields.${f}`),
    message: errors[f] as string,
  }));

  return (
    <>
      <header className="app-header">
        <nav className="container" aria-label={t('nav.main')}>
          <ul>
            <li>
              <strong className="brand">{t('app.name')}</strong>
            </li>
          </ul>
          <ul className="nav-tools">
            <li>
              <LanguageSwitcher />
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" className="container">
        <h1>{t('onboarding.apply.title')}</h1>
        {state === 'sent' ? (
          <p role="status">{t('onboarding.apply.sent')}</p>
        ) : (
          <>
            <p>{t('onboarding.apply.intro')}</p>
            <ErrorSummary items={summary} attempt={attempt} />
            {state === 'failed' || state === 'limited' ? (
              <p role="alert" className="error-summary">
                {state === 'limited' ? t('onboarding.apply.limited') : t('common.failed')}
              </p>
            ) : null}
            <form noValidate onSubmit={(event) => void onSubmit(event)}>
              <fieldset>
                <legend>{t('onboarding.apply.company')}</legend>
                <TextField
                  id="apply-companyName"
                  label={t('onboarding.apply.fields.companyName')}
                  required
                  value={form.companyName}
                  error={errors.companyName}
                  onChange={set('companyName')}
                  autoComplete="organization"
                />
                <SelectField
                  id="apply-country"
                  label={t('onboarding.apply.fields.country')}
                  required
                  value={form.country}
                  error={errors.country}
                  onChange={set('country')}
                >
                  <option value="">{t('onboarding.apply.choose')}</option>
                  {countries.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  id="apply-city"
                  label={t('onboarding.apply.fields.city')}
                  required
                  value={form.city}
                  error={errors.city}
                  onChange={set('city')}
                  autoComplete="address-level2"
                />
                <TextField
                  id="apply-vatId"
                  label={t('onboarding.apply.fields.vatId')}
                  value={form.vatId}
                  error={errors.vatId}
                  onChange={set('vatId')}
                />
                <TextField
                  id="apply-website"
                  label={t('onboarding.apply.fields.website')}
                  value={form.website}
                  error={errors.website}
                  onChange={set('website')}
                  autoComplete="url"
                />
              </fieldset>
              <fieldset>
                <legend>{t('onboarding.apply.contact')}</legend>
                <TextField
                  id="apply-contactName"
                  label={t('onboarding.apply.fields.contactName')}
                  required
                  value={form.contactName}
                  error={errors.contactName}
                  onChange={set('contactName')}
                  autoComplete="name"
                />
                <TextField
                  id="apply-email"
                  type="email"
                  label={t('onboarding.apply.fields.email')}
                  required
                  value={form.email}
                  error={errors.email}
                  onChange={set('email')}
                  autoComplete="email"
                />
                <TextAreaField
                  id="apply-message"
                  label={t('onboarding.apply.fields.message')}
                  value={form.message}
                  error={errors.message}
                  onChange={set('message')}
                  rows={4}
                />
              </fieldset>
              <button type="submit" aria-busy={state === 'sending'} disabled={state === 'sending'}>
                {t('onboarding.apply.send')}
              </button>
            </form>
          </>
        )}
      </main>
    </>
  );
}
