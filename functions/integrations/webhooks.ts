import { webhookRoutes } from '../../shared/api/integrations.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { createWebhook, deleteWebhook, listWebhooks, rotateWebhookSecret, webhookDeliveries } from '../../shared/integrations/webhooks.js';

export const create = httpRoute(webhookRoutes.create, async ({ caller, body }) => {
  const created = await createWebhook(caller, body, new Date());
  return { status: 201, body: created, headers: { location: `/webhooks/${created.id}` } };
});

export const list = httpRoute(webhookRoutes.list, async ({ caller, query }) => ({
  status: 200,
  body: await listWebhooks(caller, query, new Date()),
}));

export const remove = httpRoute(webhookRoutes.remove, async ({ caller, params }) => {
  await deleteWebhook(caller, params.id);
  return { status: 204 };
});

export const rotateSecret = httpRoute(webhookRoutes.rotateSecret, async ({ caller, params }) => ({
  status: 200,
  body: await rotateWebhookSecret(caller, params.id, new Date()),
}));

export const deliveries = httpRoute(webhookRoutes.deliveries, async ({ caller, params, query }) => ({
  status: 200,
  body: await webhookDeliveries(caller, params.id, query),
}));
