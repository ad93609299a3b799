import { z } from 'zod';
import { INVOICE_KINDS, INVOICE_STATUSES, RECTIFICATION_METHODS } from '../../domain/billing/invoice-rules';
import { countryCode, oneLine, requiredLine, text } from '../schema-fields';

export const isoDate = () =>
  z
    .string({ error: 'Use a date as YYYY-MM-DD.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date as YYYY-MM-DD.' })
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
      error: 'This date does not exist.',
      params: { code: 'INVALID_DATE' },
    });

// Decimals travel as strings (or integers) so no float ever touches an amount.
export const decimal = (what: string) =>
  z
    .union([z.string({ error: `${what} must be a number.` }), z.number({ error: `${what} must be a number.` })])
    .transform((value) => String(value).trim());

export const vat = z.union([
  z.number({ error: 'Use an IVA rate (21, 10, 4, 0) or {"exempt": "E1"…"E6"}.' }),
  z.object({ exempt: z.string() }),
]);

export const invoiceLineSchema = z.object({
  description: requiredLine(500, 'The description').or(text().max(2000)),
  sku: oneLine(100).default(''),
  quantity: decimal('The quantity'),
  unit_price: decimal('The unit price'),
  discount_percent: decimal('The discount').default('0'),
  vat,
  recargo: z.boolean().default(false),
  irpf: z.boolean().default(true),
  currency: z.string().optional(),
});

const party = z.object({
  legal_name: oneLine(200).default(''),
  tax_id: oneLine(20).nullable().default(null),
  address_line: oneLine(250).default(''),
  postal_code: oneLine(20).default(''),
  city: oneLine(100).default(''),
  province: oneLine(100).default(''),
  country_code: countryCode().default('ES'),
  email: oneLine(254).default(''),
});

export const invoiceDraftSchema = z.object({
  kind: z.enum(INVOICE_KINDS, { error: 'Use F1, F2 or R1–R5.' }).default('F1'),
  series_code: z.string().max(20).optional(),
  customer_id: z.number().int().positive().nullable().default(null),
  recipient: party.nullable().default(null),
  currency: z.string().trim().toUpperCase().default('EUR'),
  prices_include_tax: z.boolean().default(false),
  irpf_percent: decimal('The IRPF retention').default('0'),
  simplified_limit_extended: z.boolean().default(false),
  language: z.enum(['es', 'en']).default('es'),
  operation_date: isoDate().nullable().default(null),
  service_period: z
    .object({ start: isoDate(), end: isoDate() })
    .refine((p) => p.start <= p.end, { error: 'The period ends before it starts.', path: ['end'] })
    .nullable()
    .default(null),
  due_date: isoDate().nullable().default(null),
  notes: text().max(5000).default(''),
  payment_method: oneLine(200).default(''),
  lines: z.array(invoiceLineSchema).max(1000, { error: 'At most 1000 lines per invoice.' }),
  external_tax_totals: z
    .array(
      z.object({
        vat,
        recargo: z.boolean().default(false),
        base: z.number().int({ error: 'Amounts are whole cents.' }),
        vat_amount: z.number().int({ error: 'Amounts are whole cents.' }),
        recargo_amount: z.number().int({ error: 'Amounts are whole cents.' }).default(0),
      }),
    )
    .max(12)
    .nullable()
    .default(null),
  rectification: z
    .object({
      invoice_id: z.number().int().positive(),
      method: z.enum(RECTIFICATION_METHODS, { error: 'Choose substitution or differences.' }),
      reason: requiredLine(500, 'The reason'),
    })
    .nullable()
    .default(null),
});

export const invoiceFilterSchema = z.object({
  status: z.enum(INVOICE_STATUSES).optional(),
  series_code: z.string().max(20).optional(),
  customer_id: z.coerce.number().int().positive().optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
  search: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});
