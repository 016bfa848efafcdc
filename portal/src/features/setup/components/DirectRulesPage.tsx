/** What the direct team keeps (customer segments and product lines): registrations of them are flagged. */
import { Segment } from '@shared/schemas/common.js';
import { DirectRules } from '@shared/schemas/rules.js';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { useDirectRules } from '../api/setup.js';
import { SchemaForm } from './SchemaForm.js';

export function DirectRulesPage() {
  const { t } = useTranslation();
  const { read, save } = useDirectRules();
  return (
    <Page title={t('setup.direct.title')}>
      <p>{t('setup.direct.intro')}</p>
      {read.isPending ? <Loading /> : null}
      {read.isError ? <QueryError error={read.error} retry={() => void read.refetch()} /> : null}
      {read.data ? (
        <SchemaForm
          formId="direct-rules"
          title={t('setup.direct.formTitle')}
          schema={DirectRules}
          fields={[
            {
              path: '/segments',
              label: 'setup.direct.segments',
              kind: 'choices',
              options: Segment.options.map((s) => ({ value: s, label: t(`segment.${s}`) })),
            },
            { path: '/productLines', label: 'setup.direct.productLines', kind: 'list', hint: 'setup.direct.productLinesHint' },
          ]}
          base={read.data}
          onSave={(body) => save.mutateAsync(body)}
        />
      ) : null}
    </Page>
  );
}
