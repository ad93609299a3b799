import { z } from 'zod';
import { LIST_MEMBER_STATUSES } from '../../domain/lists/list-membership';
import { NotFoundError } from '../../errors';
import { email, oneLine, requiredLine, text } from '../schema-fields';

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);

/** A route id that is not a number is a missing thing (404), not a form error. */
export function idParam(params: unknown, name = 'id', what = 'list'): number {
  const parsed = id.safeParse((params as Record<string, unknown>)[name]);
  if (!parsed.success) throw new NotFoundError(`There is no ${what} with this id.`, 'NOT_FOUND');
  return parsed.data;
}

export const listSchema = z.object({
  name: requiredLine(100, 'The name'),
  description: text().max(2000, { error: 'At most 2000 characters.' }).default(''),
  double_opt_in: z.boolean({ error: 'Must be true or false.' }).default(true),
});

export const memberSearchSchema = z.object({
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((part) => part.trim()) : undefined))
    .pipe(z.array(z.enum(LIST_MEMBER_STATUSES, { error: `Use ${LIST_MEMBER_STATUSES.join(', ')}.` })).optional()),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

export const memberInputSchema = z
  .object({
    contact_id: id.nullable().default(null),
    email: z.union([z.literal(''), email()]).default(''),
    name: oneLine(200).default(''),
    source: z.enum(['admin', 'import'], { error: 'Use admin or import.' }).default('admin'),
    // What the person agreed to, in their words (the checkbox text, the paper form's clause…): without it there is no consent to show.
    consent_text: text()
      .trim()
      .max(20_000)
      .refine((value) => value.length > 0, { error: 'Write what the contact agreed to.', params: { code: 'REQUIRED' } }),
    consent_version: oneLine(64).default(''),
    consented_at: z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date and time.' }).nullable().default(null),
    locale: z
      .string()
      .default('es_ES')
      .transform((value) => (/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,2}$/.test(value) ? value : 'es_ES')),
  })
  .refine((value) => value.contact_id !== null || value.email !== '', {
    error: 'Give the contact’s id or e-mail address.',
    path: ['email'],
    params: { code: 'REQUIRED' },
  })
  .transform((value) => ({ ...value, consented_at: value.consented_at ? new Date(value.consented_at) : null }));

const token = text().refine((value) => /^[A-Za-z0-9_-]{20,128}$/.test(value), {
  error: 'This link is not valid.',
  params: { code: 'INVALID_TOKEN' },
});

export const tokenSchema = z.object({ token });

export const unsubscribeSchema = z.object({
  token,
  // How the visitor left, kept with the membership: the mail client's one-click POST or the page's button.
  method: z.enum(['one-click', 'link'], { error: 'Use one-click or link.' }).default('link'),
});

export const emailSchema = z.object({ email: email() });
