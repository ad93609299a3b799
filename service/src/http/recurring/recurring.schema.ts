import { z } from 'zod';
import { INTERVAL_UNITS } from '../../domain/billing/recurrence';
import { decimal, invoiceLineSchema, isoDate } from '../invoices/invoice.schema';
import { oneLine, text } from '../schema-fields';

const count = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a whole number.` })
    .int({ error: `${what} must be a whole number.` })
    .min(1, { error: `${what} must be at least 1.` })
    .max(max, { error: `${what} can be at most ${max}.` });

export const templateSchema = z
  .object({
    kind: z.enum(['F1', 'F2'], { error: 'Use F1 (full) or F2 (simplified).' }).default('F1'),
    customer_id: z.number({ error: 'Choose a customer.' }).int().positive({ error: 'Choose a customer.' }),
    series_code: z.string().trim().max(20).nullable().default(null),
    currency: z.string().trim().toUpperCase().default('EUR'),
    language: z.enum(['es', 'en']).default('es'),
    prices_include_tax: z.boolean().default(false),
    irpf_percent: decimal('The IRPF retention').default('0'),
    payment_method: oneLine(200).default(''),
    notes: text().max(5000).default(''),
    lines: z
      .array(invoiceLineSchema.extend({ one_off: z.boolean().default(false) }))
      .min(1, { error: 'Add at least one line.' })
      .max(200, { error: 'At most 200 lines per template.' }),
    discount_percent: decimal('The discount').default('0'),
    discount_cycles: count('The number of discounted invoices', 1000).nullable().default(null),
    interval_unit: z.enum(INTERVAL_UNITS, { error: 'Use day, week, month or year.' }),
    interval_count: count('The interval', 1000),
    anchor_date: isoDate(),
    anchor_time: z
      .string({ error: 'Use a time as HH:mm.' })
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Use a time as HH:mm (00:00–23:59).' })
      .default('09:00'),
    end_date: isoDate().nullable().default(null),
    cycles: count('The number of invoices', 10_000).nullable().default(null),
    auto_send: z.boolean().default(true),
  })
  .superRefine((t, ctx) => {
    if (t.end_date !== null && t.end_date < t.anchor_date) {
      ctx.addIssue({
        code: 'custom',
        path: ['end_date'],
        message: 'The end date is before the start date.',
        params: { code: 'END_BEFORE_START' },
      });
    }
    if (t.end_date !== null && t.cycles !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['cycles'],
        message: 'Give an end date or a number of invoices, not both.',
        params: { code: 'END_TWICE' },
      });
    }
    t.lines.forEach((line, i) => {
      if (line.currency !== undefined && line.currency !== t.currency) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'currency'],
          message: `This line is in ${line.currency}; the template is in ${t.currency}.`,
        });
      }
    });
  });

export type TemplateBody = z.infer<typeof templateSchema>;

export const templateFilterSchema = z.object({
  status: z.enum(['active', 'paused', 'ended']).optional(),
  customer_id: z.coerce.number().int().positive().optional(),
  search: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

export const upcomingSchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });
export const historySchema = z.object({ months: z.coerce.number().int().min(1).max(36).default(12) });
export const dailySchema = z
  .object({ from: isoDate(), to: isoDate() })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'The end is before the start.' })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 <= 366, { path: ['to'], message: 'At most 366 days at a time.' });
