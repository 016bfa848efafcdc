/** The dealer's users for its admin: invite a colleague, see who is in, disable who left. */

import { DealerUserInput } from '@shared/schemas/onboarding.js';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/Field.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDate } from '../../../lib/format.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useSession } from '../../auth/hooks/useSession.js';
import { useDealerUsers, useDisableUser, useInviteUser } from '../api/onboarding.js';

export function UsersPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const session = useSession();
  const dealerId = session.dealerId as string;
  const users = useDealerUsers(dealerId);
  const invite = useInviteUser(dealerId);
  const disable = useDisableUser(dealerId);
  const [form, setForm] = useState({ email: '', name: '', admin: false });
  const [errors, setErrors] = useState<{ email?: string; name?: string }>({});
  const [message, setMessage] = useState<string>();

  async function onInvite(event: FormEvent) {
    event.preventDefault();
    setMessage(undefined);
    const parsed = DealerUserInput.safeParse(form);
    if (!parsed.success) {
      const found: { email?: string; name?: string } = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as 'email' | 'name';
        found[field] ??= t(`onboarding.users.errors.${field}`);
      }
      setErrors(found);
      return;
    }
    setErrors({});
    try {
      const user = await invite.mutateAsync(parsed.data);
      setForm({ email: '', name: '', admin: false });
      setMessage(t('onboarding.users.invited', { email: user.email }));
    } catch (error) {
      setMessage(error instanceof ApiError && error.status === 409 ? t('onboarding.users.taken') : t('common.failed'));
    }
  }

  if (!session.dealerAdmin) {
    return (
      <Page title={t('onboarding.users.title')}>
        <p>{t('onboarding.users.adminOnly')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('onboarding.users.title')}>
      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('onboarding.users.invite')}</h2>
        <form noValidate onSubmit={(event) => void onInvite(event)}>
          <div className="grid">
            <TextField
              id="invite-name"
              label={t('onboarding.users.name')}
              required
              autoComplete="off"
              value={form.name}
              error={errors.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
            <TextField
              id="invite-email"
              label={t('onboarding.users.email')}
              type="email"
              required
              autoComplete="off"
              value={form.email}
              error={errors.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
          </div>
          <label>
            <input type="checkbox" checked={form.admin} onChange={(e) => setForm({ ...form, admin: e.target.checked })} />
            {t('onboarding.users.makeAdmin')}
          </label>
          <button type="submit" aria-busy={invite.isPending} disabled={invite.isPending}>
            {t('onboarding.users.send')}
          </button>
        </form>
        {message ? <p role="status">{message}</p> : null}
      </section>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">{t('onboarding.users.list')}</h2>
        {users.error ? <QueryError error={users.error} retry={() => void users.refetch()} /> : null}
        {users.data ? (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('onboarding.users.name')}</th>
                  <th scope="col">{t('onboarding.users.email')}</th>
                  <th scope="col">{t('onboarding.users.role')}</th>
                  <th scope="col">{t('onboarding.users.status')}</th>
                  <th scope="col">{t('onboarding.users.invitedAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('onboarding.users.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((user) => (
                  <tr key={user.id}>
                    <td>{user.name}</td>
                    <td>{user.email}</td>
                    <td>{t(`onboarding.users.roles.${user.role}`)}</td>
                    <td>{t(`onboarding.users.statuses.${user.status}`)}</td>
                    <td>{formatDate(user.invitedAt, locale)}</td>
                    <td>
                      {user.status === 'active' && user.email !== session.email.toLowerCase() ? (
                        <button
                          type="button"
                          className="secondary outline"
                          disabled={disable.isPending}
                          onClick={() => disable.mutate(user.id)}
                          aria-label={t('onboarding.users.disableNamed', { name: user.name })}
                        >
                          {t('onboarding.users.disable')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </Page>
  );
}
