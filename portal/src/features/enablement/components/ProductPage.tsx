/** One product: description, specifications, availability and the sales material the dealer's tier may download. */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { paths } from '../../../app/paths.js';
import { Loading } from '../../../components/Loading.js';
import { Page } from '../../../components/Page.js';
import { QueryError } from '../../../components/QueryError.js';
import { currentLocale } from '../../../lib/i18n.js';
import { useProduct, useProductAssets } from '../api/enablement.js';
import { AvailabilityBadge } from './AvailabilityBadge.js';
import { DownloadButton } from './DownloadButton.js';
import { formatBytes } from './format-bytes.js';

function ProductAssets({ sku }: { sku: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const assets = useProductAssets(sku);
  return (
    <section aria-labelledby="assets-heading">
      <h2 id="assets-heading">{t('enablement.product.assets')}</h2>
      {assets.isPending ? <Loading /> : null}
      {assets.isError ? <QueryError error={assets.error} retry={() => void assets.refetch()} /> : null}
      {assets.data && assets.data.length === 0 ? <p>{t('enablement.product.noAssets')}</p> : null}
      {assets.data && assets.data.length > 0 ? (
        <div className="overflow-auto">
          <table className="responsive-table striped">
            <caption className="visually-hidden">{t('enablement.product.assets')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('enablement.product.asset')}</th>
                <th scope="col">{t('enablement.product.kind')}</th>
                <th scope="col">{t('enablement.product.language')}</th>
                <th scope="col">{t('enablement.product.size')}</th>
                <th scope="col">{t('enablement.product.download')}</th>
              </tr>
            </thead>
            <tbody>
              {assets.data.map((asset) => (
                <tr key={asset.id}>
                  <td data-label={t('enablement.product.asset')}>
                    {asset.title}
                    <br />
                    <small className="muted">{asset.fileName}</small>
                  </td>
                  <td data-label={t('enablement.product.kind')}>{t(`enablement.kinds.${asset.kind}`)}</td>
                  <td data-label={t('enablement.product.language')}>
                    {asset.language ? t(`enablement.languages.${asset.language}`) : '—'}
                  </td>
                  <td data-label={t('enablement.product.size')}>{formatBytes(asset.bytes, locale)}</td>
                  <td data-label={t('enablement.product.download')}>
                    <DownloadButton asset={asset} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function ProductPage() {
  const { t } = useTranslation();
  const { sku = '' } = useParams();
  const product = useProduct(sku);
  const specs = Object.entries(product.data?.specs ?? {});
  return (
    <Page title={product.data?.name ?? t('enablement.products.product')}>
      <p>
        <Link to={paths.products}>{t('enablement.product.back')}</Link>
      </p>
      {product.isPending ? <Loading /> : null}
      {product.isError ? <QueryError error={product.error} retry={() => void product.refetch()} /> : null}
      {product.data ? (
        <>
          <p>
            <AvailabilityBadge availability={product.data.availability} /> {t('enablement.products.sku')} {product.data.sku} ·{' '}
            {product.data.productLine}
          </p>
          <section aria-labelledby="description-heading">
            <h2 id="description-heading">{t('enablement.product.description')}</h2>
            <p className="post-body">{product.data.description ?? '—'}</p>
          </section>
          <section aria-labelledby="specs-heading">
            <h2 id="specs-heading">{t('enablement.product.specs')}</h2>
            {specs.length === 0 ? (
              <p>{t('enablement.product.noSpecs')}</p>
            ) : (
              <table className="striped specs">
                <caption className="visually-hidden">{t('enablement.product.specs')}</caption>
                <tbody>
                  {specs.map(([name, value]) => (
                    <tr key={name}>
                      <th scope="row">{name}</th>
                      <td>{value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <ProductAssets sku={product.data.sku} />
        </>
      ) : null}
    </Page>
  );
}
