import { type FormEvent, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { paths } from '../../../app/paths.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { SelectField, TextField } from '../../../components/Field.js';
import { Page } from '../../../components/Page.js';
import { StatusBadge } from '../../../components/StatusBadge.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { useOwnCustomerMatches, useSubmitRegistration } from '../api/registrations.js';
import {
  EMPTY_FORM,
  type FieldErrors,
  type FormField,
  REQUIRED_FIELDS,
  type RegistrationForm,
  serverErrors,
  validate,
} from '../hooks/registration-form.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { useDraft } from '../hooks/useDraft.js';
import { useFieldMessage } from '../hooks/useFieldMessage.js';
import { countryOptions } from './countries.js';
import { DealFields, DealProgressFields } from './DealFields.js';
import { SubmissionProblem } from './SubmissionProblem.js';

const newKey = () => crypto.randomUUID();

export function RegisterDealPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const session = useSession();
  const navigate = useNavigate();
  const message = useFieldMessage();
  const submit = useSubmitRegistration();
  const draft = useDraft<RegistrationForm>(`draft:register:${session.dealerId ?? ''}`, EMPTY_FORM);
  const form = draft.value;
  const [touched, setTouched] = useState<Partial<Record<FormField, boolean>>>({});
  const [fromServer, setFromServer] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<string>();
  const [agreementMissing, setAgreementMissing] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const customerQuery = useDebounced(form.customerName, 350);
  const matches = useOwnCustomerMatches(customerQuery);

  const local = validate(form).errors;
  const shown = (field: FormField) => message(fromServer[field] ?? (touched[field] || attempt > 0 ? local[field] : undefined));

  const set = (field: FormField) => (event: { target: { value: string } }) => {
    draft.update({ ...form, [field]: event.target.value });
    if (fromServer[field]) setFromServer(({ [field]: _gone, ...rest }) => rest);
  };
  const blur = (field: FormField) => () => setTouched((current) => ({ ...current, [field]: true }));
  const props = (field: FormField) => ({ value: form[field], onChange: set(field), onBlur: blur(field), error: shown(field) });

  const labels: Record<FormField, string> = Object.fromEntries(
    Object.keys(EMPTY_FORM).map((field) => [field, t(`register.fields.${field}`)]),
  ) as Record<FormField, string>;

  const summary = (Object.keys(EMPTY_FORM) as FormField[])
    .filter((field) => (attempt > 0 ? shown(field) : fromServer[field]))
    .map((field) => ({ fieldId: field, label: labels[field], message: shown(field) as string }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setAgreementMissing(false);
    setAttempt((n) => n + 1);
    const { input } = validate(form);
    if (!input) return;
    try {
      const registration = await submit.mutateAsync({ input, idempotencyKey });
      draft.clear();
      navigate(paths.registration(registration.id), { state: { submitted: true } });
    } catch (error) {
      if (error instanceof ApiError) {
        setIdempotencyKey(newKey());
        const errors = serverErrors(error.problem.errors);
        setFromServer(errors);
        setAgreementMissing(Boolean(error.problem.type?.endsWith('/agreement-not-accepted')));
        setFailure(Object.keys(errors).length ? undefined : (error.problem.detail ?? error.problem.title ?? t('common.failed')));
      } else {
        // No answer: the same key lets the retry return the first answer if the first attempt did land.
        setFailure(t('common.offline'));
      }
    }
  }

  const ownMatches = (matches.data?.items ?? []).filter(() => customerQuery.trim().length >= 3);
  const optionalOpen = (
    [
      'postalCode',
      'vatId',
      'website',
      'segment',
      'contactPhone',
      'contactRole',
      'stage',
      'competitors',
      'nextSteps',
      'quantity',
    ] as FormField[]
  ).some((field) => shown(field));

  return (
    <Page title={t('register.title')}>
      <p className="muted">{t('register.intro')}</p>
      {draft.restoredAt ? (
        <p className="draft-note" role="status">
          {t('register.draftRestored', { at: formatDateTime(draft.restoredAt, locale) })}{' '}
          <button type="button" className="secondary outline" onClick={() => draft.clear()}>
            {t('register.discardDraft')}
          </button>
        </p>
      ) : null}
      <ErrorSummary items={summary} attempt={attempt} />
      <SubmissionProblem agreementMissing={agreementMissing} failure={failure} />
      <form noValidate onSubmit={(event) => void onSubmit(event)} aria-describedby="required-note">
        <p id="required-note" className="muted">
          {t('form.requiredNote')}
        </p>
        <fieldset>
          <legend>{t('register.customer')}</legend>
          <TextField id="customerName" label={labels.customerName} required autoComplete="organization" {...props('customerName')} />
          {ownMatches.length > 0 ? (
            <aside className="attention" aria-live="polite" id="own-matches">
              <p>{t('register.ownMatches', { count: ownMatches.length })}</p>
              <ul>
                {ownMatches.map((r) => (
                  <li key={r.id}>
                    <Link to={paths.registration(r.id)}>{r.customer.name}</Link> ({r.customer.city}) · <StatusBadge status={r.status} /> ·{' '}
                    {formatDate(r.submittedAt, locale)}
                  </li>
                ))}
              </ul>
            </aside>
          ) : null}
          <div className="grid">
            <SelectField id="country" label={labels.country} required {...props('country')}>
              <option value="">{t('form.choose')}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextField id="city" label={labels.city} required autoComplete="address-level2" {...props('city')} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('register.contact')}</legend>
          <div className="grid">
            <TextField id="contactName" label={labels.contactName} required autoComplete="off" {...props('contactName')} />
            <TextField
              id="contactEmail"
              label={labels.contactEmail}
              required
              type="email"
              inputMode="email"
              autoComplete="off"
              {...props('contactEmail')}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('register.deal')}</legend>
          <DealFields bind={props} amount={{ required: true }} />
        </fieldset>
        <details open={optionalOpen || undefined}>
          <summary>{t('register.more')}</summary>
          <div className="grid">
            <TextField id="postalCode" label={labels.postalCode} autoComplete="postal-code" {...props('postalCode')} />
            <TextField id="vatId" label={labels.vatId} hint={t('register.vatHint')} {...props('vatId')} />
          </div>
          <div className="grid">
            <TextField id="website" label={labels.website} type="url" inputMode="url" {...props('website')} />
            <SelectField id="segment" label={labels.segment} {...props('segment')}>
              <option value="">{t('form.none')}</option>
              {(['smb', 'midmarket', 'enterprise'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`segment.${s}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="grid">
            <TextField id="contactPhone" label={labels.contactPhone} type="tel" inputMode="tel" {...props('contactPhone')} />
            <TextField id="contactRole" label={labels.contactRole} {...props('contactRole')} />
          </div>
          <DealProgressFields bind={props} />
        </details>
        <p className="muted">
          <Trans i18nKey="register.confidentiality" />
        </p>
        <button type="submit" aria-busy={submit.isPending} disabled={submit.isPending}>
          {t('register.submit')}
        </button>
      </form>
      <p className="visually-hidden">{t('register.requiredCount', { count: REQUIRED_FIELDS.length })}</p>
    </Page>
  );
}
