/**
 * The partner program's settings: protection and review times, auto-approval, forecast weights, open-registration
 * limits, tiers, lead distribution and the support desk — shown with their current values, checked by the API's
 * Program schema before they are sent. Settings the page does not show (exchange rates, margins) are kept.
 */
import { Program } from '@shared/schemas/setup.js';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { useProgram } from '../api/setup.js';
import { type FieldSpec, type Json, SchemaForm } from './SchemaForm.js';

const TIERS = ['gold', 'silver', 'bronze'] as const;
const number = (path: string, label: string, group: string, hint?: string): FieldSpec => ({
  path,
  label: `setup.program.${label}`,
  kind: 'number',
  required: true,
  group: `setup.program.groups.${group}`,
  ...(hint ? { hint: `setup.program.hints.${hint}` } : {}),
});

const FIELDS: FieldSpec[] = [
  number('/protectionDays', 'protectionDays', 'registrations'),
  number('/extensionMaxDays', 'extensionMaxDays', 'registrations'),
  number('/reviewTargetHours', 'reviewTargetHours', 'registrations'),
  number('/reviewLimitHours', 'reviewLimitHours', 'registrations'),
  {
    path: '/expiryWarningDays',
    label: 'setup.program.expiryWarningDays',
    kind: 'numberList',
    group: 'setup.program.groups.registrations',
    hint: 'setup.program.hints.list',
  },
  number('/maxOpenRegistrationsPerDealer', 'maxOpen', 'registrations'),
  { path: '/autoApproval/enabled', label: 'setup.program.autoApproval', kind: 'checkbox', group: 'setup.program.groups.registrations' },
  {
    path: '/autoApproval/maxValue/amount',
    label: 'setup.program.autoApprovalMax',
    kind: 'number',
    group: 'setup.program.groups.registrations',
    hint: 'setup.program.hints.minorUnits',
  },
  {
    path: '/reportingCurrency',
    label: 'setup.program.reportingCurrency',
    kind: 'text',
    required: true,
    group: 'setup.program.groups.forecast',
  },
  number('/stageProbabilities/early', 'stageEarly', 'forecast', 'probability'),
  number('/stageProbabilities/mid', 'stageMid', 'forecast', 'probability'),
  number('/stageProbabilities/late', 'stageLate', 'forecast', 'probability'),
  number('/tiers/shares/gold', 'shareGold', 'tiers', 'share'),
  number('/tiers/shares/silver', 'shareSilver', 'tiers', 'share'),
  number('/tiers/minimumRevenue/gold', 'minimumGold', 'tiers', 'minorUnits'),
  number('/tiers/minimumRevenue/silver', 'minimumSilver', 'tiers', 'minorUnits'),
  ...(['revenue', 'yoyGrowth', 'registrationCompliance', 'trainingCompletion', 'customerSatisfaction'] as const).map((w) =>
    number(`/tiers/weights/${w}`, `weights.${w}`, 'tiers', 'weight'),
  ),
  number('/leads/acceptHours', 'acceptHours', 'leads'),
  number('/leads/reminderHours', 'reminderHours', 'leads'),
  ...TIERS.map((tier) => number(`/leads/capacityByTier/${tier}`, `capacity.${tier}`, 'leads')),
  ...TIERS.map((tier) => number(`/leads/weightByTier/${tier}`, `leadWeight.${tier}`, 'leads', 'weight')),
  { path: '/support/email', label: 'setup.program.supportEmail', kind: 'email', required: true, group: 'setup.program.groups.support' },
  { path: '/support/phone', label: 'setup.program.supportPhone', kind: 'text', group: 'setup.program.groups.support' },
  { path: '/support/hours', label: 'setup.program.supportHours', kind: 'text', group: 'setup.program.groups.support' },
];

/** Auto-approval's limit is a money value: its amount alone names none, so no amount means no limit. */
function withLimit(body: Json): Json {
  const auto = (body.autoApproval ?? {}) as { enabled?: boolean; maxValue?: { amount?: number } };
  const currency = typeof body.reportingCurrency === 'string' ? body.reportingCurrency : 'EUR';
  const { maxValue, ...rest } = auto;
  return {
    ...body,
    autoApproval: maxValue?.amount === undefined ? rest : { ...rest, maxValue: { amount: maxValue.amount, currency } },
  };
}

export function ProgramPage() {
  const { t } = useTranslation();
  const { read, save } = useProgram();
  return (
    <Page title={t('setup.program.title')}>
      <p>{t('setup.program.intro')}</p>
      {read.isPending ? <Loading /> : null}
      {read.isError ? <QueryError error={read.error} retry={() => void read.refetch()} /> : null}
      {read.data ? (
        <SchemaForm
          formId="program"
          title={t('setup.program.formTitle')}
          schema={Program}
          fields={FIELDS}
          base={read.data}
          prepare={withLimit}
          onSave={(body) => save.mutateAsync(body)}
        />
      ) : null}
    </Page>
  );
}
