/**
 * Alerts (close the loop): rules over newly stored feedback, each with a webhook. Firing rules
 * write pending deliveries to an outbox first; the deliverer started here POSTs them signed
 * (X-Verbatim-Signature: sha256=<HMAC>), retries with backoff and logs every attempt.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VerbatimError } from '../../errors.js';
import { DELIVERY_STATUSES, type StoredAlert } from '../../store/index.js';
import { createAlertDeliverer } from '../alerts/deliverer.js';
import { AlertRuleSchema } from '../alerts/rules.js';
import { COMMON_ERROR_RESPONSES, ErrorResponseSchema, listResponse } from '../errors.js';

/** Bytes of a generated secret (256 bits, the HMAC-SHA256 key size). */
export const GENERATED_SECRET_BYTES = 32;

/** Most deliveries one listing returns (newest first). */
export const MAX_DELIVERIES_LISTED = 100;

const WebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
  .max(2_000)
  .describe('Deliveries are POSTed here, and only here (redirects are not followed)');

export const CreateAlertBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  rule: AlertRuleSchema,
  webhookUrl: WebhookUrlSchema,
  secret: z.string().min(16).max(500).optional().describe('HMAC key for the signatures; generated (and returned once) when absent'),
});

export const AlertSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    rule: AlertRuleSchema,
    webhookUrl: z.string(),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('Alert');

export const CreatedAlertSchema = AlertSchema.extend({
  secret: z.string().describe('The signing secret; shown only in this response'),
});

export const DeliverySchema = z
  .object({
    id: z.string(),
    alertId: z.string(),
    feedbackId: z.string().nullable(),
    status: z.enum(DELIVERY_STATUSES).describe('pending (queued or retrying), delivered, failed (gave up)'),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    payload: z.unknown().describe('The JSON body sent'),
  })
  .describe('AlertDelivery');

const AlertParamsSchema = z.object({ id: z.string().min(1).max(100) });

function alertView(alert: StoredAlert) {
  const { secret: _secret, ...rest } = alert;
  return { ...rest, rule: AlertRuleSchema.parse(alert.rule) };
}

/** Registers the alert routes and runs the webhook deliverer while the app is up. */
export const alertsRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const deliverer = createAlertDeliverer(store, { log: app.log });
  app.addHook('onReady', async () => deliverer.start());
  app.addHook('onClose', async () => deliverer.stop());

  const existing = async (id: string): Promise<StoredAlert> => {
    const alert = await store.getAlert(id);
    if (!alert) throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Alert', id });
    return alert;
  };

  app.post(
    '/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Create an alert rule with a webhook',
        description:
          'Rules: detractor-in-stage {stage}, churn-risk {min}, emerging-theme {interval?}, theme-negative {theme}. ' +
          'Evaluated on feedback stored after creation; each (alert, record) fires once.',
        body: CreateAlertBodySchema,
        response: { 201: CreatedAlertSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { name, rule, webhookUrl, secret } = request.body;
      const alert = await store.createAlert({
        id: randomUUID(),
        name,
        rule,
        webhookUrl,
        secret: secret ?? randomBytes(GENERATED_SECRET_BYTES).toString('hex'),
      });
      return reply.code(201).send({ ...alertView(alert), secret: alert.secret });
    },
  );

  app.get(
    '/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Alert rules, oldest first (secrets are never returned)',
        response: { 200: listResponse(AlertSchema), ...COMMON_ERROR_RESPONSES },
      },
    },
    async () => ({ items: (await store.listAlerts()).map(alertView), nextCursor: null }),
  );

  app.get(
    '/alerts/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'One alert rule',
        params: AlertParamsSchema,
        response: { 200: AlertSchema, 404: ErrorResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => alertView(await existing(request.params.id)),
  );

  app.delete(
    '/alerts/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Delete an alert rule and its delivery log',
        params: AlertParamsSchema,
        response: { 204: z.null().describe('Deleted'), 404: ErrorResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      if (!(await store.deleteAlert(request.params.id))) throw new VerbatimError('VERBATIM_E_NOT_FOUND', { what: 'Alert', id: request.params.id });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/alerts/:id/deliveries',
    {
      schema: {
        tags: ['alerts'],
        summary: `Delivery log of an alert, newest first (at most ${MAX_DELIVERIES_LISTED})`,
        params: AlertParamsSchema,
        response: { 200: listResponse(DeliverySchema), 404: ErrorResponseSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      await existing(request.params.id);
      const deliveries = await store.listDeliveries(request.params.id, { limit: MAX_DELIVERIES_LISTED });
      const items = deliveries.map(({ payload, dedupeKey: _dedupeKey, ...delivery }) => ({ ...delivery, payload: JSON.parse(payload) as unknown }));
      return { items, nextCursor: null };
    },
  );
};
