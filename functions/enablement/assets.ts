import { assetRoutes } from '../../shared/api/enablement.js';
import { downloadAsset, getAsset, listAssets, putAsset } from '../../shared/enablement/assets.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const put = httpRoute(assetRoutes.put, async ({ params, body }) => ({ status: 200, body: await putAsset(params.assetId, body) }));

export const get = httpRoute(assetRoutes.get, async ({ caller, params }) => ({
  status: 200,
  body: await getAsset(caller, params.assetId),
}));

export const list = httpRoute(assetRoutes.list, async ({ caller, query }) => ({ status: 200, body: await listAssets(caller, query) }));

export const download = httpRoute(assetRoutes.download, async ({ caller, params }) => ({
  status: 200,
  body: await downloadAsset(caller, params.assetId),
}));
