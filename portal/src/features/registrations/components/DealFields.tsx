/**
 * The deal a registration is about — products, value, close date, and how far along it is — as both the register
 * form and a lead's conversion show it. The page owns the form state; each field arrives bound to it.
 */
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField, TextField } from '../../../components/Field.js';
import { useCatalog } from '../../catalog/api/catalog.js';
import { CURRENCIES } from './countries.js';

/** A field's value, change and blur handlers and its error, as the page's form state gives them. */
export interface FieldBinding {
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  onBlur: () => void;
  error: string | undefined;
}

export type DealField = 'sku' | 'quantity' | 'amount' | 'currency' | 'closeDate';
export type DealProgressField = 'stage' | 'competitors' | 'nextSteps';

/** Product and quantity, then value, currency and close date. */
export function DealFields({
  bind,
  amount,
}: {
  bind: (field: DealField) => FieldBinding;
  /** A lead's conversion may leave the value to the lead's (then hinted); a new registration needs one. */
  amount: { required: boolean; hint?: string | undefined };
}) {
  const { t } = useTranslation();
  const catalog = useCatalog();
  const label = (field: DealField) => t(`register.fields.${field}`);
  return (
    <>
      <div className="grid">
        <SelectField id="sku" label={label('sku')} required {...bind('sku')} aria-busy={catalog.isPending}>
          <option value="">{catalog.isError ? t('register.catalogFailed') : t('form.choose')}</option>
          {(catalog.data ?? []).map((p) => (
            <option key={p.sku} value={p.sku}>
              {p.name} ({p.sku})
            </option>
          ))}
        </SelectField>
        <TextField id="quantity" label={label('quantity')} type="number" min={1} step={1} inputMode="numeric" {...bind('quantity')} />
      </div>
      <div className="grid">
        <TextField
          id="amount"
          label={label('amount')}
          required={amount.required}
          hint={amount.hint}
          type="number"
          min={0}
          step="0.01"
          inputMode="decimal"
          {...bind('amount')}
        />
        <SelectField id="currency" label={label('currency')} {...bind('currency')}>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <TextField id="closeDate" label={label('closeDate')} required type="date" {...bind('closeDate')} />
      </div>
    </>
  );
}

/** Stage and competitors, then the next steps. */
export function DealProgressFields({ bind }: { bind: (field: DealProgressField) => FieldBinding }) {
  const { t } = useTranslation();
  const label = (field: DealProgressField) => t(`register.fields.${field}`);
  return (
    <>
      <div className="grid">
        <SelectField id="stage" label={label('stage')} {...bind('stage')}>
          <option value="">{t('form.none')}</option>
          {(['early', 'mid', 'late'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`stage.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="competitors" label={label('competitors')} hint={t('register.competitorsHint')} {...bind('competitors')} />
      </div>
      <TextAreaField id="nextSteps" label={label('nextSteps')} rows={3} {...bind('nextSteps')} />
    </>
  );
}
