/** The channel admins' collection pages: regions (with their managers), products, territories and named accounts. */
import { NamedAccountInput, TerritoryInput } from '@shared/schemas/rules.js';
import { ProductAvailability, ProductInput, RegionInput } from '@shared/schemas/setup.js';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../lib/i18n.js';
import type { NamedAccount, Product, Region, Territory } from '../api/setup.js';
import { CollectionPage, type CollectionSpec, inputFields } from './CollectionPage.js';

export const languageOptions = LANGUAGES.map((l) => ({ value: l.code, label: l.name }));

const regionSpec = (t: TFunction): CollectionSpec<Region> => ({
  collection: 'regions',
  texts: 'regions',
  schema: RegionInput,
  fields: [
    { path: '/name', label: 'setup.regions.name', kind: 'text', required: true },
    { path: '/countries', label: 'setup.regions.countries', kind: 'list', required: true, hint: 'setup.regions.countriesHint' },
    { path: '/partnerManagerEmail', label: 'setup.regions.partnerManagerEmail', kind: 'email', required: true },
    { path: '/regionalDirectorEmail', label: 'setup.regions.regionalDirectorEmail', kind: 'email', required: true },
    { path: '/partnerManagerName', label: 'setup.regions.partnerManagerName', kind: 'text' },
    { path: '/partnerManagerPhone', label: 'setup.regions.partnerManagerPhone', kind: 'text' },
    { path: '/language', label: 'setup.language', kind: 'select', options: languageOptions, hint: 'setup.languageHint' },
  ],
  columns: [
    { label: 'setup.regions.name', value: (r) => r.name },
    { label: 'setup.regions.countries', value: (r) => r.countries.join(', ') },
    {
      label: 'setup.regions.managers',
      value: (r) => (
        <>
          {r.partnerManagerEmail}
          {r.partnerManagerMailIssue ? <strong> ({t(`setup.regions.mailIssues.${r.partnerManagerMailIssue.kind}`)})</strong> : null} ·{' '}
          {r.regionalDirectorEmail}
          {r.regionalDirectorMailIssue ? <strong> ({t(`setup.regions.mailIssues.${r.regionalDirectorMailIssue.kind}`)})</strong> : null}
        </>
      ),
    },
    { label: 'setup.language', value: (r) => t(`setup.languages.${r.language ?? 'en'}`) },
  ],
  idOf: (r) => r.id,
  blank: {},
});

const productSpec = (t: TFunction): CollectionSpec<Product> => ({
  collection: 'products',
  texts: 'products',
  schema: ProductInput,
  fields: [
    { path: '/name', label: 'setup.products.name', kind: 'text', required: true },
    { path: '/productLine', label: 'setup.products.productLine', kind: 'text', required: true },
    {
      path: '/availability',
      label: 'setup.products.availability',
      kind: 'select',
      required: true,
      options: ProductAvailability.options.map((a) => ({ value: a, label: t(`setup.products.availabilities.${a}`) })),
    },
    { path: '/description', label: 'setup.products.description', kind: 'textarea' },
  ],
  columns: [
    { label: 'setup.products.name', value: (p) => p.name },
    { label: 'setup.products.productLine', value: (p) => p.productLine },
    { label: 'setup.products.availability', value: (p) => t(`setup.products.availabilities.${p.availability ?? 'published'}`) },
  ],
  idOf: (p) => p.sku,
  // Products stored before availability existed are published.
  inputOf: (p) => ({ availability: 'published', ...inputFields(ProductInput, p) }),
  blank: { availability: 'published' },
});

const territorySpec = (): CollectionSpec<Territory> => ({
  collection: 'rules/territories',
  texts: 'territories',
  schema: TerritoryInput,
  fields: [
    { path: '/dealerId', label: 'setup.territories.dealerId', kind: 'text', required: true },
    { path: '/country', label: 'setup.territories.country', kind: 'text', required: true, hint: 'setup.territories.countryHint' },
    { path: '/postalPrefixes', label: 'setup.territories.postalPrefixes', kind: 'list', hint: 'setup.territories.prefixesHint' },
  ],
  columns: [
    { label: 'setup.territories.dealerId', value: (r) => r.dealerId },
    { label: 'setup.territories.country', value: (r) => r.country },
    { label: 'setup.territories.postalPrefixes', value: (r) => r.postalPrefixes?.join(', ') ?? '' },
  ],
  idOf: (r) => r.id,
  blank: {},
});

const namedAccountSpec = (t: TFunction): CollectionSpec<NamedAccount> => ({
  collection: 'rules/named-accounts',
  texts: 'namedAccounts',
  schema: NamedAccountInput,
  fields: [
    { path: '/customer/name', label: 'setup.namedAccounts.customer', kind: 'text', required: true },
    {
      path: '/customer/country',
      label: 'setup.namedAccounts.country',
      kind: 'text',
      required: true,
      hint: 'setup.territories.countryHint',
    },
    { path: '/customer/vatId', label: 'setup.namedAccounts.vatId', kind: 'text' },
    { path: '/customer/website', label: 'setup.namedAccounts.website', kind: 'text' },
    { path: '/owner/dealerId', label: 'setup.namedAccounts.owner', kind: 'text', hint: 'setup.namedAccounts.ownerHint' },
  ],
  columns: [
    { label: 'setup.namedAccounts.customer', value: (a) => `${a.customer.name} (${a.customer.country})` },
    { label: 'setup.namedAccounts.owner', value: (a) => ('dealerId' in a.owner ? a.owner.dealerId : t('setup.namedAccounts.direct')) },
  ],
  idOf: (a) => a.id,
  blank: {},
  // One field says who owns the account: a dealer's id, or (left empty) the direct team.
  prepare: (body) => {
    const owner = body.owner as { dealerId?: string } | undefined;
    return { ...body, owner: owner?.dealerId ? { dealerId: owner.dealerId } : { direct: true } };
  },
});

export function RegionsPage() {
  const { t } = useTranslation();
  return <CollectionPage spec={regionSpec(t)} />;
}

export function ProductsPage() {
  const { t } = useTranslation();
  return <CollectionPage spec={productSpec(t)} />;
}

export function TerritoriesPage() {
  return <CollectionPage spec={territorySpec()} />;
}

export function NamedAccountsPage() {
  const { t } = useTranslation();
  return <CollectionPage spec={namedAccountSpec(t)} />;
}
