/**
 * A form over one of the API's zod schemas: fields addressed by the JSON Pointer of their value in the body, checked
 * with the same schema before sending, and the API's own `errors[].path` shown at the field they name. Values of
 * the stored item that the form does not show are sent back unchanged (a PUT replaces the whole item).
 */
import { Slug } from '@shared/schemas/common.js';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { SelectField, TextAreaField, TextField } from '../../../components/Field.js';
import { ApiError } from '../../../lib/api-client.js';

export interface FieldSpec {
  /** JSON Pointer of the value in the request body, such as `/customer/name`. */
  path: string;
  /** i18n key of the label. */
  label: string;
  /** `choices`: several of `options`, as checkboxes (an array of their values). */
  kind: 'text' | 'email' | 'number' | 'list' | 'numberList' | 'select' | 'choices' | 'checkbox' | 'textarea';
  options?: readonly { value: string; label: string }[];
  /** i18n key of the fieldset the field belongs to (fields of one group follow each other). */
  group?: string;
  required?: boolean;
  /** i18n key of a hint under the field. */
  hint?: string;
}

type Values = Record<string, string | boolean>;
export type Json = Record<string, unknown>;

const segments = (pointer: string) => pointer.split('/').slice(1);

function read(item: unknown, pointer: string): unknown {
  return segments(pointer).reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Json)[key] : undefined), item);
}

function write(target: Json, pointer: string, value: unknown) {
  const keys = segments(pointer);
  const last = keys.pop() as string;
  let at = target;
  for (const key of keys) {
    if (!at[key] || typeof at[key] !== 'object') at[key] = {};
    at = at[key] as Json;
  }
  if (value === undefined) delete at[last];
  else at[last] = value;
}

function shown(value: unknown, field: FieldSpec): string | boolean {
  if (field.kind === 'checkbox') return value === true;
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === null ? '' : String(value);
}

/** What the user typed, as the body carries it: numbers as numbers, lists as arrays, empty optional fields left out. */
function parsed(value: string | boolean, field: FieldSpec): unknown {
  if (field.kind === 'checkbox') return value === true;
  const text = String(value).trim();
  if (field.kind === 'list' || field.kind === 'numberList' || field.kind === 'choices') {
    const items = text.split(/[\s,;]+/).filter(Boolean);
    return field.kind === 'numberList' ? items.map(Number) : items;
  }
  if (text === '') return field.required ? '' : undefined;
  return field.kind === 'number' ? Number(text.replace(',', '.')) : text;
}

export const ID_FIELD = '#id';

/** Fields in runs of one group each, in their order. */
function groupsOf(fields: readonly FieldSpec[]) {
  const runs: { group: string | undefined; members: FieldSpec[] }[] = [];
  for (const field of fields) {
    const last = runs.at(-1);
    if (last && last.group === field.group) last.members.push(field);
    else runs.push({ group: field.group, members: [field] });
  }
  return runs;
}

export function SchemaForm<S extends z.ZodType>({
  formId,
  title,
  schema,
  fields,
  base,
  idLabel,
  prepare = (body) => body,
  onSave,
  onSaved,
  onCancel,
}: {
  formId: string;
  title: string;
  schema: S;
  fields: readonly FieldSpec[];
  /** The stored item (or the defaults of a new one); what the fields do not cover is kept from it. */
  base: object;
  /** For a new item of a collection: the label of its id field (the id is part of the address, not the body). */
  idLabel?: string;
  /** Turns the fields' values into the body where one field does not map to one value (an account's owner). */
  prepare?: (body: Json) => Json;
  /** Sends the checked body; `id` is the new item's id (empty when the form has no id field). */
  onSave: (body: z.output<S>, id: string) => Promise<unknown>;
  onSaved?: (id: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => Object.fromEntries(fields.map((f) => [f.path, shown(read(base, f.path), f)])));
  const [id, setId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<'editing' | 'saving' | 'saved' | 'failed'>('editing');
  const fieldIdOf = (path: string) => `${formId}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-/, '') || 'id'}`;

  /**
   * The field an issue belongs to: the one whose pointer is the issue's or its nearest parent (`/countries/0`), else
   * the first field inside the value the issue names (`/owner` for `/owner/dealerId`).
   */
  const placed = (issues: { path: string; message: string }[]) => {
    const found: Record<string, string> = {};
    for (const issue of issues) {
      const pointer = issue.path.startsWith('/') ? issue.path : `/${issue.path}`;
      const field =
        fields.filter((f) => pointer === f.path || pointer.startsWith(`${f.path}/`)).sort((a, b) => b.path.length - a.path.length)[0] ??
        fields.find((f) => f.path.startsWith(`${pointer}/`));
      found[field?.path ?? pointer] ??= issue.message;
    }
    return found;
  };

  const labelOf = (path: string) => {
    if (path === ID_FIELD) return idLabel ?? 'id';
    const field = fields.find((f) => f.path === path);
    return field ? t(field.label) : path;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const body = structuredClone(base) as Json;
    for (const field of fields) write(body, field.path, parsed(values[field.path] ?? '', field));
    const found: Record<string, string> = {};
    if (idLabel) {
      const checked = Slug.safeParse(id.trim());
      if (!checked.success) found[ID_FIELD] = checked.error.issues[0]?.message ?? t('form.errors.required');
    }
    const result = schema.safeParse(prepare(body));
    if (!result.success)
      Object.assign(found, placed(result.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message }))));
    setErrors(found);
    if (!result.success || Object.keys(found).length > 0) return;
    setState('saving');
    try {
      await onSave(result.data, id.trim());
      setState('saved');
      onSaved?.(id.trim());
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        setErrors(placed(error.problem.errors));
        setState('editing');
      } else {
        setErrors({});
        setState('failed');
      }
    }
  }

  const set = (path: string, value: string | boolean) => {
    setValues((v) => ({ ...v, [path]: value }));
    if (state === 'saved') setState('editing');
  };
  const summary = Object.entries(errors).map(([path, message]) => ({
    fieldId: fields.some((f) => f.path === path) || path === ID_FIELD ? fieldIdOf(path) : formId,
    label: labelOf(path),
    message,
  }));

  const renderField = (field: FieldSpec) => {
    const fieldId = fieldIdOf(field.path);
    const common = {
      id: fieldId,
      label: t(field.label),
      error: errors[field.path],
      hint: field.hint ? t(field.hint) : undefined,
      required: field.required ?? false,
    };
    const value = values[field.path];
    if (field.kind === 'checkbox') {
      return (
        <div className="field" key={field.path}>
          <label htmlFor={fieldId}>
            <input id={fieldId} type="checkbox" checked={value === true} onChange={(e) => set(field.path, e.target.checked)} />{' '}
            {t(field.label)}
          </label>
        </div>
      );
    }
    if (field.kind === 'select') {
      return (
        <SelectField key={field.path} {...common} value={String(value)} onChange={(e) => set(field.path, e.target.value)}>
          <option value="">{field.required ? t('form.choose') : t('form.none')}</option>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      );
    }
    if (field.kind === 'choices') {
      const chosen = String(value)
        .split(/[\s,]+/)
        .filter(Boolean);
      const toggle = (option: string, on: boolean) =>
        set(field.path, (on ? [...chosen, option] : chosen.filter((c) => c !== option)).join(','));
      return (
        <fieldset key={field.path} id={fieldId} tabIndex={-1} aria-describedby={errors[field.path] ? `${fieldId}-error` : undefined}>
          <legend>{t(field.label)}</legend>
          {field.options?.map((o) => (
            <label key={o.value} htmlFor={`${fieldId}-${o.value}`}>
              <input
                id={`${fieldId}-${o.value}`}
                type="checkbox"
                checked={chosen.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />{' '}
              {o.label}
            </label>
          ))}
          {errors[field.path] ? (
            <small id={`${fieldId}-error`} className="field-error">
              {errors[field.path]}
            </small>
          ) : null}
        </fieldset>
      );
    }
    if (field.kind === 'textarea') {
      return (
        <TextAreaField key={field.path} {...common} rows={3} value={String(value)} onChange={(e) => set(field.path, e.target.value)} />
      );
    }
    return (
      <TextField
        key={field.path}
        {...common}
        type={field.kind === 'email' ? 'email' : 'text'}
        inputMode={field.kind === 'number' || field.kind === 'numberList' ? 'decimal' : undefined}
        value={String(value)}
        onChange={(e) => set(field.path, e.target.value)}
      />
    );
  };

  return (
    <form id={formId} noValidate onSubmit={(event) => void submit(event)} aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{title}</h2>
      <ErrorSummary items={summary} attempt={attempt} />
      <p className="muted">{t('form.requiredNote')}</p>
      {idLabel ? (
        <TextField
          id={fieldIdOf(ID_FIELD)}
          label={idLabel}
          required
          value={id}
          error={errors[ID_FIELD]}
          hint={t('setup.form.idHint')}
          onChange={(e) => setId(e.target.value)}
        />
      ) : null}
      {groupsOf(fields).map(({ group, members }) =>
        group ? (
          <fieldset key={group}>
            <legend>{t(group)}</legend>
            <div className="grid-form">{members.map(renderField)}</div>
          </fieldset>
        ) : (
          <div className="grid-form" key="fields">
            {members.map(renderField)}
          </div>
        ),
      )}
      <div className="row-actions">
        <button type="submit" aria-busy={state === 'saving'} disabled={state === 'saving'}>
          {t('setup.form.save')}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
      {state === 'saved' ? <p role="status">{t('setup.form.saved')}</p> : null}
      {state === 'failed' ? <p role="alert">{t('common.failed')}</p> : null}
    </form>
  );
}
