/**
 * A channel admin's page of one reference collection: a page of items read by cursor, and a form to add an item or
 * change one, checked by the contract's schema (regions, products, territories, named accounts).
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { Pager } from '../../../components/Pager.js';
import { QueryError } from '../../../components/QueryError.js';
import { type Collection, useCollectionPage, useSaveItem } from '../api/setup.js';
import { type FieldSpec, type Json, SchemaForm } from './SchemaForm.js';

export interface Column<T> {
  /** i18n key of the heading. */
  label: string;
  value: (item: T) => ReactNode;
}

export interface CollectionSpec<T> {
  collection: Collection;
  /** i18n block of the page: `setup.<texts>.title`, `.new`, `.edit`, `.none`, `.id`. */
  texts: string;
  schema: z.ZodObject;
  fields: readonly FieldSpec[];
  columns: readonly Column<T>[];
  idOf: (item: T) => string;
  /** The item as its PUT body; by default the fields of the input schema (without id, updatedAt, mail issues…). */
  inputOf?: (item: T) => object;
  /** What a new item starts from. */
  blank: object;
  prepare?: (body: Json) => Json;
}

/** The values of `item` that `schema` takes as input. */
export const inputFields = (schema: z.ZodObject, item: object) =>
  Object.fromEntries(Object.entries(item).filter(([name]) => name in schema.shape));

type Editing<T> = { mode: 'new' } | { mode: 'edit'; item: T } | undefined;

/** The form of a new or an existing item, above the list it belongs to; `saved` tells which id was stored last. */
export function ItemEditor<T>({
  spec,
  editing,
  close,
  fields,
}: {
  spec: Pick<CollectionSpec<T>, 'collection' | 'texts' | 'schema' | 'idOf' | 'inputOf' | 'blank' | 'prepare'>;
  editing: Editing<T>;
  close: (savedId?: string) => void;
  fields: readonly FieldSpec[];
}) {
  const { t } = useTranslation();
  const save = useSaveItem<T>(spec.collection);
  if (!editing) return null;
  const existingId = editing.mode === 'edit' ? spec.idOf(editing.item) : undefined;
  return (
    <article>
      <SchemaForm
        key={existingId ?? 'new'}
        formId={`${spec.collection.replace('/', '-')}-form`}
        title={existingId ? t(`setup.${spec.texts}.edit`, { id: existingId }) : t(`setup.${spec.texts}.new`)}
        schema={spec.schema}
        fields={fields}
        base={editing.mode === 'edit' ? (spec.inputOf?.(editing.item) ?? inputFields(spec.schema, editing.item as object)) : spec.blank}
        {...(existingId ? {} : { idLabel: t(`setup.${spec.texts}.id`) })}
        {...(spec.prepare ? { prepare: spec.prepare } : {})}
        onSave={(body, id) => save.mutateAsync({ id: existingId ?? id, body })}
        onSaved={(id) => close(existingId ?? id)}
        onCancel={() => close()}
      />
    </article>
  );
}

export function ItemTable<T>({ spec, items, edit }: { spec: CollectionSpec<T>; items: T[]; edit: (item: T) => void }) {
  const { t } = useTranslation();
  return (
    <div className="overflow-auto">
      <table className="responsive-table striped">
        <thead>
          <tr>
            <th scope="col">{t(`setup.${spec.texts}.id`)}</th>
            {spec.columns.map((c) => (
              <th scope="col" key={c.label}>
                {t(c.label)}
              </th>
            ))}
            <th scope="col">{t('setup.form.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={spec.idOf(item)}>
              <td data-label={t(`setup.${spec.texts}.id`)}>{spec.idOf(item)}</td>
              {spec.columns.map((c) => (
                <td key={c.label} data-label={t(c.label)}>
                  {c.value(item)}
                </td>
              ))}
              <td data-label={t('setup.form.actions')}>
                <button type="button" className="secondary" onClick={() => edit(item)}>
                  {t('setup.form.editNamed', { id: spec.idOf(item) })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CollectionPage<T>({ spec }: { spec: CollectionSpec<T> }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<string[]>([]);
  const [editing, setEditing] = useState<Editing<T>>();
  const [saved, setSaved] = useState<string>();
  const page = useCollectionPage<T>(spec.collection, cursors.at(-1));
  const open = (next: Editing<T>) => {
    setSaved(undefined);
    setEditing(next);
  };
  return (
    <Page
      title={t(`setup.${spec.texts}.title`)}
      actions={
        <p>
          <button type="button" onClick={() => open({ mode: 'new' })}>
            {t(`setup.${spec.texts}.new`)}
          </button>
        </p>
      }
    >
      {saved ? <p role="status">{t('setup.form.savedNamed', { id: saved })}</p> : null}
      <ItemEditor
        spec={spec}
        fields={spec.fields}
        editing={editing}
        close={(id) => {
          setEditing(undefined);
          setSaved(id);
        }}
      />
      {page.isPending ? <Loading /> : null}
      {page.isError ? <QueryError error={page.error} retry={() => void page.refetch()} /> : null}
      {page.data?.items.length === 0 ? <p>{t(`setup.${spec.texts}.none`)}</p> : null}
      {page.data?.items.length ? <ItemTable spec={spec} items={page.data.items} edit={(item) => open({ mode: 'edit', item })} /> : null}
      <Pager cursors={cursors} setCursors={setCursors} nextCursor={page.data?.nextCursor} />
    </Page>
  );
}
