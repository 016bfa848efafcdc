/** API clients for the dealer's CRM: create (the secret shown once), list, revoke. */
import { ApiClientInput } from '@shared/schemas/integrations.js';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDate } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { type ApiClient, useApiClients, useCreateApiClient, useRevokeApiClient } from '../api/integrations.js';
import { DealerAdminOnly } from './DealerAdminOnly.js';
import { SecretOnce } from './SecretOnce.js';

const SCOPES = ['registrations:read', 'registrations:write', 'leads:read', 'leads:write', 'catalog:read'] as const;

export function ApiClientsPage() {
  return (
    <DealerAdminOnly title="integrations.clients.title">
      <ApiClients />
    </DealerAdminOnly>
  );
}

function ApiClients() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const clients = useApiClients();
  const create = useCreateApiClient();
  const revoke = useRevokeApiClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['registrations:read']);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<ApiClient & { clientSecret: string }>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ApiClientInput.safeParse({ name, scopes });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    create.mutate(parsed.data, {
      onSuccess: (client) => {
        setCreated(client);
        setName('');
      },
      onError: (failure) =>
        setError(failure instanceof ApiError ? (failure.problem.errors?.[0]?.message ?? failure.message) : String(failure)),
    });
  };

  return (
    <Page title={t('integrations.clients.title')}>
      <p>{t('integrations.clients.intro')}</p>
      {created ? (
        <>
          <p>
            {t('integrations.clients.clientId')}: <code>{created.clientId}</code> · {t('integrations.clients.tokenUrl')}:{' '}
            <code>{created.tokenUrl}</code>
          </p>
          <SecretOnce label={t('integrations.clients.secret')} value={created.clientSecret} onDone={() => setCreated(undefined)} />
        </>
      ) : null}
      <form onSubmit={submit} noValidate aria-labelledby="new-client-heading">
        <h2 id="new-client-heading">{t('integrations.clients.create')}</h2>
        <TextField
          id="client-name"
          label={t('integrations.clients.name')}
          value={name}
          required
          error={error}
          onChange={(e) => setName(e.target.value)}
        />
        <fieldset>
          <legend>{t('integrations.clients.scopes')}</legend>
          {SCOPES.map((scope) => (
            <label key={scope}>
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => setScopes((current) => (e.target.checked ? [...current, scope] : current.filter((s) => s !== scope)))}
              />{' '}
              <code>{scope}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" aria-busy={create.isPending}>
          {t('integrations.clients.create')}
        </button>
      </form>
      <h2>{t('integrations.clients.list')}</h2>
      {clients.isPending ? <Loading /> : null}
      {clients.isError ? <QueryError error={clients.error} retry={() => void clients.refetch()} /> : null}
      {clients.data?.length === 0 ? <p>{t('integrations.clients.none')}</p> : null}
      {clients.data?.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('integrations.clients.name')}</th>
              <th scope="col">{t('integrations.clients.clientId')}</th>
              <th scope="col">{t('integrations.clients.scopes')}</th>
              <th scope="col">{t('integrations.created')}</th>
              <th scope="col">{t('integrations.clients.status')}</th>
            </tr>
          </thead>
          <tbody>
            {clients.data.map((client) => (
              <tr key={client.clientId}>
                <td>{client.name}</td>
                <td>
                  <code>{client.clientId}</code>
                </td>
                <td>{client.scopes.join(', ')}</td>
                <td>{formatDate(client.createdAt.slice(0, 10), locale)}</td>
                <td>
                  {client.status === 'revoked' ? (
                    t('integrations.clients.revoked')
                  ) : (
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('integrations.clients.revokeNamed', { name: client.name })}
                      onClick={() => window.confirm(t('integrations.clients.revokeConfirm')) && revoke.mutate(client.clientId)}
                    >
                      {t('integrations.clients.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
