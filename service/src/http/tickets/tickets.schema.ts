import { z } from 'zod';
import { TICKET_STATUSES } from '../../domain/tickets/ticket-metrics';
import { WEEKDAYS } from '../../domain/tickets/business-hours';
import { contactSubmissionSchema, DEFAULT_CONTACT_FORM_RULES, type ContactSelectField } from '../../domain/tickets/contact-submission';
import { ValidationError, type ErrorDetail } from '../../errors';
import type { SubmissionInput } from '../../services/tickets/submission-service';
import { TICKET_PRIORITIES } from '../../services/tickets/ticket-service';
import { email, requiredLine, text } from '../schema-fields';
import { parseInput } from '../validation';

export const idParamSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});

export const attachmentParamSchema = idParamSchema.extend({
  attachmentId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});

const positiveId = (what: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value),
    z
      .number({ error: `${what} must be a number.` })
      .int({ error: `${what} must be a whole number.` })
      .positive({ error: `${what} must be positive.` })
      .max(2 ** 31),
  );

// ---------------------------------------------------------------------------------------------
// Departments

const interval = z.object({ start: text(), end: text() });

export const departmentSchema = z.object({
  name: requiredLine(100, 'The name'),
  colour: text()
    .trim()
    .toLowerCase()
    .refine((value) => /^#[0-9a-f]{6}$/.test(value), { error: 'Use a colour such as #2271b1.', params: { code: 'INVALID_COLOUR' } }),
  contact_user_id: positiveId('The user').nullable().default(null),
  contact_email: z.union([z.literal(''), email()]).default(''),
  is_default: z.boolean({ error: 'Must be true or false.' }).default(false),
  business_hours: z
    .object({
      weekly_hours: z.object(Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(interval).max(8).optional()]))),
      holidays: z.array(text()).max(400).default([]),
    })
    .nullable()
    .default(null),
});

// ---------------------------------------------------------------------------------------------
// Contact submissions (WordPress → service)

const clipped = (max: number) =>
  z
    .string({ error: 'Must be text.' })
    .default('')
    .transform((value) => value.slice(0, max));

const submissionEnvelope = z.object({
  idempotency_key: text()
    .trim()
    .refine((value) => /^[A-Za-z0-9_.:-]{8,64}$/.test(value), {
      error: 'Use the queue row’s UUID (8–64 letters, digits, - _ . :).',
      params: { code: 'INVALID_IDEMPOTENCY_KEY' },
    }),
  submitted_at: z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date and time.' }).transform((value) => new Date(value)),
  source: z
    .object({
      post_id: positiveId('The post').nullable().default(null),
      // Metadata is cut to size rather than refused: a refused delivery would be retried for ever.
      page_url: clipped(500),
      form_id: clipped(64),
    })
    .default({ post_id: null, page_url: '', form_id: '' }),
  department_id: positiveId('The department').nullable().default(null),
  list_ids: z
    .array(positiveId('A list'))
    .max(100)
    .default([])
    .transform((ids) => [...new Set(ids)]),
  fields: z.looseObject(
    {
      selects: z
        .record(
          z.string().max(100, { error: 'A select name has at most 100 characters.' }),
          z.union([z.string().max(1000), z.array(z.string().max(1000)).max(50)], { error: 'Choose from the offered options.' }),
        )
        .optional(),
    },
    { error: (issue) => (issue.input === undefined ? 'The form fields are required.' : 'Must be an object.') },
  ),
  consent: z
    .object({
      text: z.string({ error: 'Must be text.' }).max(20_000).default(''),
      version: clipped(64),
      ip: clipped(45),
      user_agent: clipped(500),
    })
    .nullable()
    .default(null)
    .transform((consent) => consent ?? { text: '', version: '', ip: '', user_agent: '' }),
  locale: z
    .string()
    .default('')
    .transform((value) => (/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,2}$/.test(value) ? value : '')),
});

const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function collect<T>(
  errors: ErrorDetail[],
  parse: () => T,
  property: (p: string | null | undefined) => string | null = (p) => p ?? null,
): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    errors.push(...err.fields.map((field) => ({ ...field, property: property(field.property) })));
    return undefined;
  }
}

/**
 * A submission as WordPress sends it. The form's rules (which fields and options exist) were
 * checked by WordPress against the block; here every field is checked again with the same
 * schema, and errors name the property as sent (`fields.email`, `fields.selects.Motivo`).
 */
export function parseSubmission(body: unknown): SubmissionInput {
  const errors: ErrorDetail[] = [];
  const envelope = collect(errors, () => parseInput(submissionEnvelope, body ?? {}));
  const rawFields = asObject(asObject(body).fields);
  const selects = asObject(rawFields.selects);
  const rules = {
    ...DEFAULT_CONTACT_FORM_RULES,
    selects: Object.entries(selects).map(([name, value]): ContactSelectField => ({
      name,
      options: (Array.isArray(value) ? value : [value]).filter((option): option is string => typeof option === 'string'),
      required: false,
      multiple: Array.isArray(value),
    })),
  };
  const fields = collect(
    errors,
    () =>
      parseInput(contactSubmissionSchema(rules), {
        name: rawFields.name,
        email: rawFields.email,
        phone: rawFields.phone,
        subject: rawFields.subject,
        message: rawFields.message,
        selections: selects,
        privacy_accepted: rawFields.privacy_accepted,
        marketing_consent: rawFields.marketing_consent,
        department_id: null,
      }),
    (property) => (property ? `fields.${property.replace(/^selections\b/, 'selects')}` : 'fields'),
  );
  const seen = new Set<string>();
  const unique = errors.filter((error) => !seen.has(error.property ?? '') && seen.add(error.property ?? ''));
  if (unique.length > 0 || !envelope || !fields) throw new ValidationError(unique);
  return {
    idempotency_key: envelope.idempotency_key,
    submitted_at: envelope.submitted_at,
    source: envelope.source,
    department_id: envelope.department_id,
    list_ids: envelope.list_ids,
    fields,
    consent: envelope.consent,
    locale: envelope.locale,
  };
}

// ---------------------------------------------------------------------------------------------
// Tickets

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'Use true or false.' })
  .optional()
  .transform((value) => value === 'true' || value === '1');

export const ticketSearchSchema = z.object({
  department_id: z.coerce.number().int().positive().optional(),
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((part) => part.trim()) : undefined))
    .pipe(z.array(z.enum(TICKET_STATUSES, { error: `Use ${TICKET_STATUSES.join(', ')}.` })).optional()),
  assignee_id: z.union([z.literal('none'), z.coerce.number().int().positive()], { error: 'Use a user id or "none".' }).optional(),
  search: z.string().max(200).optional(),
  awaiting_first_reply: flag,
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

const messageBody = (max: number) =>
  text()
    .max(max, { error: `At most ${max} characters.` })
    .refine((value) => value.trim().length > 0, { error: 'Write a message.', params: { code: 'REQUIRED' } });

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const replySchema = z.object({
  body: messageBody(50_000),
  attachments: z
    .array(
      z.object({
        name: requiredLine(200, 'The file name').refine((value) => !/[\\/]/.test(value), {
          error: 'A file name without folders.',
          params: { code: 'INVALID_FILE_NAME' },
        }),
        type: z
          .string()
          .trim()
          .toLowerCase()
          .max(100)
          .refine((value) => /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(value), {
            error: 'Use a media type such as application/pdf.',
            params: { code: 'INVALID_MEDIA_TYPE' },
          })
          .default('application/octet-stream'),
        content_base64: z
          .string({ error: 'The file content is required.' })
          .refine((value) => BASE64.test(value), { error: 'The content must be base64.', params: { code: 'INVALID_BASE64' } }),
      }),
    )
    .max(10, { error: 'At most 10 attachments.' })
    .default([]),
  status: z.enum(['open', 'waiting', 'closed'], { error: 'Use open, waiting or closed.' }).default('waiting'),
});

export const noteSchema = z.object({ body: messageBody(50_000) });

export const ticketChangeSchema = z.object({
  status: z.enum(TICKET_STATUSES, { error: `Use ${TICKET_STATUSES.join(', ')}.` }).optional(),
  priority: z.enum(TICKET_PRIORITIES, { error: `Use ${TICKET_PRIORITIES.join(', ')}.` }).optional(),
  assignee_id: positiveId('The assignee').nullable().optional(),
  department_id: positiveId('The department').optional(),
});

const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export const metricsQuerySchema = z.object({
  from: text().refine((value) => DATE_OR_INSTANT.test(value), {
    error: 'Use a date (2026-11-01) or an ISO 8601 instant.',
    params: { code: 'INVALID_DATE' },
  }),
  to: text().refine((value) => DATE_OR_INSTANT.test(value), {
    error: 'Use a date (2026-11-30) or an ISO 8601 instant.',
    params: { code: 'INVALID_DATE' },
  }),
});
