/** Webhooks of the dealer's registrations: subscribe (the secret shown once), rotate the secret, delete, delivery log. */

import { WEBHOOK_EVENT_TYPES } from '@shared/domain/webhook-events.js';
import { WebhookInput } from '@shared/schemas/integrations.js';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { useCreateWebhook, useDeleteWebhook, useDeliveries, useRotateSecret, useWebhooks, type Webhook } from '../api/integrations.js';
import { DealerAdminOnly } from './DealerAdminOnly.js';
import { SecretOnce } from './SecretOnce.js';

const when = (instant: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(instant));

function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const { t, i18n } = useTranslation();
  const deliveries = useDeliveries(webhook.id);
  if (deliveries.isPending) return <Loading />;
  if (deliveries.isError) return <QueryError error={deliveries.error} retry={() => void deliveries.refetch()} />;
  if (deliveries.data.length === 0) return <p>{t('integrations.webhooks.noDeliveries')}</p>;
  return (
    <table aria-label={t('integrations.webhooks.log')}>
      <thead>
        <tr>
          <th scope="col">{t('integrations.webhooks.event')}</th>
          <th scope="col">{t('integrations.webhooks.status')}</th>
          <th scope="col">{t('integrations.webhooks.attempts')}</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.data.map((delivery) => (
          <tr key={delivery.eventId}>
            <td>
              <code>{delivery.eventType}</code> · {when(delivery.createdAt, i18n.language)}
            </td>
            <td>{t(`integrations.webhooks.deliveryStatus.${delivery.status}`)}</td>
            <td>
              {delivery.attempts
                .map((attempt) => `${when(attempt.at, i18n.language)}: ${attempt.statusCode ?? attempt.error ?? '–'}`)
                .join(' · ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WebhooksPage() {
  return (
    <DealerAdminOnly title="integrations.webhooks.title">
      <Webhooks />
    </DealerAdminOnly>
  );
}

function Webhooks() {
  const { t } = useTranslation();
  const webhooks = useWebhooks();
  const create = useCreateWebhook();
  const rotate = useRotateSecret();
  const remove = useDeleteWebhook();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['RegistrationApproved']);
  const [error, setError] = useState<string>();
  const [secret, setSecret] = useState<string>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = WebhookInput.safeParse({ url, events });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    create.mutate(parsed.data, {
      onSuccess: (created) => {
        setSecret(created.secret);
        setUrl('');
      },
      onError: (failure) =>
        setError(failure instanceof ApiError ? (failure.problem.errors?.[0]?.message ?? failure.message) : String(failure)),
    });
  };

  return (
    <Page title={t('integrations.webhooks.title')}>
      <p>{t('integrations.webhooks.intro')}</p>
      {secret ? <SecretOnce label={t('integrations.webhooks.secret')} value={secret} onDone={() => setSecret(undefined)} /> : null}
      <form onSubmit={submit} noValidate aria-labelledby="new-webhook-heading">
        <h2 id="new-webhook-heading">{t('integrations.webhooks.create')}</h2>
        <TextField
          id="webhook-url"
          type="url"
          label={t('integrations.webhooks.url')}
          hint={t('integrations.webhooks.urlHint')}
          value={url}
          required
          error={error}
          onChange={(e) => setUrl(e.target.value)}
        />
        <fieldset>
          <legend>{t('integrations.webhooks.events')}</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type}>
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(e) => setEvents((current) => (e.target.checked ? [...current, type] : current.filter((s) => s !== type)))}
              />{' '}
              <code>{type}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" aria-busy={create.isPending}>
          {t('integrations.webhooks.create')}
        </button>
      </form>
      {webhooks.isPending ? <Loading /> : null}
      {webhooks.isError ? <QueryError error={webhooks.error} retry={() => void webhooks.refetch()} /> : null}
      {webhooks.data?.length === 0 ? <p>{t('integrations.webhooks.none')}</p> : null}
      {webhooks.data?.map((webhook) => (
        <section key={webhook.id} aria-label={webhook.url}>
          <h2>
            <code>{webhook.url}</code>
          </h2>
          <p>{webhook.events.join(', ')}</p>
          <p>
            <button
              type="button"
              className="secondary"
              onClick={() => rotate.mutate(webhook.id, { onSuccess: (rotated) => setSecret(rotated.secret) })}
            >
              {t('integrations.webhooks.rotate')}
            </button>{' '}
            <button
              type="button"
              className="secondary"
              onClick={() => window.confirm(t('integrations.webhooks.deleteConfirm')) && remove.mutate(webhook.id)}
            >
              {t('integrations.webhooks.delete')}
            </button>
          </p>
          <h3>{t('integrations.webhooks.log')}</h3>
          <DeliveryLog webhook={webhook} />
        </section>
      ))}
    </Page>
  );
}
