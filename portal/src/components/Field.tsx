import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
}

/** Label, control, hint and error wired together (`aria-invalid`, `aria-describedby`). */
function described(id: string, error?: string, hint?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? (true as const) : undefined, 'aria-describedby': ids || undefined };
}

function Frame({ id, label, error, hint, required, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children}
      {hint ? <small id={`${id}-hint`}>{hint}</small> : null}
      {error ? (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      ) : null}
    </div>
  );
}

export function TextField(props: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const { id, label, error, hint, required, ...input } = props;
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required ?? false}>
      <input id={id} name={id} required={required} {...described(id, error, hint)} {...input} />
    </Frame>
  );
}

export function SelectField(props: FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { children: ReactNode }) {
  const { id, label, error, hint, required, children, ...select } = props;
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required ?? false}>
      <select id={id} name={id} required={required} {...described(id, error, hint)} {...select}>
        {children}
      </select>
    </Frame>
  );
}

export function TextAreaField(props: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const { id, label, error, hint, required, ...area } = props;
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required ?? false}>
      <textarea id={id} name={id} required={required} {...described(id, error, hint)} {...area} />
    </Frame>
  );
}
