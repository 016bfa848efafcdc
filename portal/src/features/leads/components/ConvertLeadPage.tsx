/**
 * `/leads/:id/convert`: the registration form, prefilled from the accepted lead (customer and contact as the lead
 * has them, its value), where the dealer adds products, value and close date. The answer is the registration:
 * approved and protected at once, or in conflict with the confidentiality notice — its own page shows which.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { DealFields, DealProgressFields } from '../../registrations/components/DealFields.js';
import { SubmissionProblem } from '../../registrations/components/SubmissionProblem.js';
import { useFieldMessage } from '../../registrations/hooks/useFieldMessage.js';
import { type DealerLead, useConvertLead, useLead } from '../api/leads.js';
import {
  CONVERSION_FIELDS,
  type ConversionErrors,
  type ConversionField,
  type ConversionForm,
  conversionFormOf,
  conversionServerErrors,
  validateConversion,
} from '../hooks/conversion-form.js';

export function ConvertLeadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useLead<DealerLead>(id);
  if (query.isPending) return <Loading />;
  if (query.isError)
    return (
      <Page title={t('leads.convert.title')}>
        <QueryError error={query.error} retry={() => void query.refetch()} />
        <Link to={paths.leads}>{t('leads.nav.inbox')}</Link>
      </Page>
    );
  const lead = query.data;
  if (lead.status !== 'accepted')
    return (
      <Page title={t('leads.convert.title')}>
        <p role="status">{t('leads.convert.notAccepted')}</p>
        <Link to={paths.lead(lead.id)}>{t('leads.lead')}</Link>
      </Page>
    );
  return <ConversionFormView lead={lead} />;
}

function ConversionFormView({ lead }: { lead: DealerLead }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const message = useFieldMessage();
  const convert = useConvertLead(lead.id);
  const [form, setForm] = useState<ConversionForm>(() => conversionFormOf(lead));
  const [touched, setTouched] = useState<Partial<Record<ConversionField, boolean>>>({});
  const [fromServer, setFromServer] = useState<ConversionErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<string>();
  const [agreementMissing, setAgreementMissing] = useState(false);

  const local = validateConversion(form).errors;
  const shown = (field: ConversionField) => message(fromServer[field] ?? (touched[field] || attempt > 0 ? local[field] : undefined));
  const props = (field: ConversionField) => ({
    value: form[field],
    onChange: (event: { target: { value: string } }) => {
      setForm({ ...form, [field]: event.target.value });
      if (fromServer[field]) setFromServer(({ [field]: _gone, ...rest }) => rest);
    },
    onBlur: () => setTouched((current) => ({ ...current, [field]: true })),
    error: shown(field),
  });
  const label = (field: ConversionField) => t(`register.fields.${field}`);
  const summary = CONVERSION_FIELDS.filter((field) => (attempt > 0 ? shown(field) : fromServer[field])).map((field) => ({
    fieldId: field,
    label: label(field),
    message: shown(field) as string,
  }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setAgreementMissing(false);
    setAttempt((n) => n + 1);
    const { input } = validateConversion(form);
    if (!input) return;
    try {
      const registration = await convert.mutateAsync(input);
      navigate(paths.registration(registration.id), { state: { submitted: true } });
    } catch (error) {
      if (error instanceof ApiError) {
        const errors = conversionServerErrors(error.problem.errors);
        setFromServer(errors);
        setAgreementMissing(Boolean(error.problem.type?.endsWith('/agreement-not-accepted')));
        setFailure(Object.keys(errors).length ? undefined : (error.problem.detail ?? error.problem.title ?? t('common.failed')));
      } else {
        // No answer: converting again answers the same registration if the first attempt did land.
        setFailure(t('common.offline'));
      }
    }
  }

  const { customer, contact } = lead;
  return (
    <Page title={t('leads.convert.title')}>
      <p className="muted">{t('leads.convert.intro')}</p>
      <ErrorSummary items={summary} attempt={attempt} />
      <SubmissionProblem agreementMissing={agreementMissing} failure={failure} />
      <form noValidate onSubmit={(event) => void onSubmit(event)} aria-describedby="convert-required-note">
        <p id="convert-required-note" className="muted">
          {t('form.requiredNote')}
        </p>
        <fieldset>
          <legend>{t('register.customer')}</legend>
          <p className="muted">{t('leads.convert.fromLead')}</p>
          <TextField id="customerName" label={t('register.fields.customerName')} readOnly value={customer.name} />
          <div className="grid">
            <TextField id="country" label={t('register.fields.country')} readOnly value={customer.country} />
            <TextField id="city" label={t('register.fields.city')} readOnly value={customer.city} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('register.contact')}</legend>
          <div className="grid">
            <TextField id="contactName" label={t('register.fields.contactName')} readOnly value={contact?.name ?? ''} />
            <TextField id="contactEmail" label={t('register.fields.contactEmail')} readOnly value={contact?.email ?? ''} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('register.deal')}</legend>
          <DealFields bind={props} amount={{ required: false, hint: lead.expectedValue ? t('leads.convert.valueHint') : undefined }} />
          <DealProgressFields bind={props} />
        </fieldset>
        <p className="muted">{t('leads.convert.protection')}</p>
        <button type="submit" aria-busy={convert.isPending} disabled={convert.isPending}>
          {t('leads.convert.submit')}
        </button>
      </form>
    </Page>
  );
}
