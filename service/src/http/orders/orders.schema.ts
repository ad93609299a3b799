import { z } from 'zod';
import { EXEMPTION_REASONS } from '../../domain/billing/tax-rates';
import { oneLine, requiredLine } from '../schema-fields';

const WOO_STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'checkout-draft'] as const;

const secret = z.string({ error: 'Must be text.' }).trim().max(500, { error: 'At most 500 characters.' }).nullable().optional();

export const STORE_KINDS = ['woocommerce', 'same_site'] as const;

export const storeSchema = z
  .object({
    name: requiredLine(200, 'The store name'),
    /** Omitted: 'woocommerce' for a new store, unchanged for an existing one. */
    kind: z.enum(STORE_KINDS, { error: `Use one of: ${STORE_KINDS.join(', ')}.` }).optional(),
    // Required for a store read through its API (the service checks, knowing the stored kind); a same-site store's is informative.
    url: oneLine(500).default(''),
    consumer_key: secret,
    consumer_secret: secret,
    webhook_secret: secret,
    imap: z
      .object({
        host: requiredLine(255, 'The IMAP host'),
        port: z.number().int().min(1).max(65535).nullable().default(null),
        tls: z.boolean().default(true),
        user: oneLine(255).default(''),
        password: secret,
        folder: oneLine(255).default('INBOX'),
      })
      .strict()
      .nullable()
      .default(null),
    invoice_statuses: z
      .array(z.enum(WOO_STATUSES, { error: `Use WooCommerce statuses: ${WOO_STATUSES.join(', ')}.` }))
      .max(WOO_STATUSES.length)
      .default(['processing', 'completed']),
  })
  .strict();

export const connectionOverrideSchema = z
  .object({
    url: oneLine(500).optional(),
    consumer_key: oneLine(500).optional(),
    consumer_secret: oneLine(500).optional(),
  })
  .strict();

export const syncRequestSchema = z
  .object({
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date as YYYY-MM-DD.' })
      .nullable()
      .optional(),
    restart: z.boolean().optional(),
  })
  .strict();

const flag = z.boolean().optional();
export const decisionsSchema = z
  .object({
    decisions: z
      .object({
        accept_other_currency: flag,
        accept_fully_refunded: flag,
        accept_unpaid: flag,
        accept_no_tax_id: flag,
        accept_invalid_tax_id: flag,
        accept_refund_split: flag,
        untaxed_vat: z
          .union([z.literal(0), z.object({ exempt: z.enum(Object.keys(EXEMPTION_REASONS) as [keyof typeof EXEMPTION_REASONS]) }).strict()])
          .optional(),
        kind: z.enum(['F1', 'F2']).optional(),
        language: z.enum(['es', 'en']).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const orderFilterSchema = z.object({
  store_id: z.coerce.number().int().positive().optional(),
  status: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    ),
  source: z.enum(['api', 'webhook', 'mail', 'push']).optional(),
  search: z.string().trim().max(100).optional(),
  pending: booleanFlag.optional(),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(25),
});

/** What WordPress forwards of a WooCommerce webhook: the exact body bytes and WooCommerce's headers. */
export const webhookEnvelopeSchema = z.object({
  body_base64: z.string().max(2_000_000),
  headers: z.record(z.string(), z.string().max(2000)).default({}),
});

/** Orders WordPress pushes for its own WooCommerce: `{ "orders": [...] }` in REST v3 shape, or one order alone. */
export const pushedOrdersSchema = z.preprocess(
  (body) => (body && typeof body === 'object' && !Array.isArray(body) && !('orders' in body) ? { orders: [body] } : body),
  z
    .object({
      orders: z
        .array(z.record(z.string(), z.unknown(), { error: 'Each order must be a WooCommerce order object.' }), {
          error: 'Send the orders as a list.',
        })
        .min(1, { error: 'Send at least one order.' })
        .max(100, { error: 'At most 100 orders per request.' }),
    })
    .strict(),
);
