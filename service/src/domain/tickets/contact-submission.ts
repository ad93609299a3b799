import { domainToASCII } from 'node:url';
import { z } from 'zod';

/** Longest message a visitor may send, counted in characters (Unicode code points, so an emoji is one). */
export const CONTACT_MESSAGE_MAX_CHARS = 20_000;
export const CONTACT_NAME_MAX_CHARS = 200;
export const CONTACT_SUBJECT_MAX_CHARS = 200;

export type ContactFieldPresence = 'hidden' | 'optional' | 'required';

/** A select (or group of checkboxes when `multiple`) placed in the form block, with the only values it offers. */
export interface ContactSelectField {
  name: string;
  options: string[];
  required: boolean;
  multiple: boolean;
}

/**
 * Which fields a form has, read by the server from the block's saved attributes, never from the
 * browser's post. `department_ids` are the departments a visitor may choose from: one means the
 * form is fixed to it; none leaves the department to the service's default.
 */
export interface ContactFormRules {
  phone: ContactFieldPresence;
  subject: ContactFieldPresence;
  selects: ContactSelectField[];
  department_ids: number[];
}

export const DEFAULT_CONTACT_FORM_RULES: ContactFormRules = { phone: 'optional', subject: 'optional', selects: [], department_ids: [] };

export interface ContactSubmission {
  name: string;
  email: string;
  phone: string;
  subject: string;
  message: string;
  /** Chosen values by select name: a string for single selects ('' when none), a list for multiple ones. */
  selections: Record<string, string | string[]>;
  privacy_accepted: true;
  marketing_consent: boolean;
  department_id: number | null;
}

function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

const required = (issue: { input: unknown }, what: string) => (issue.input === undefined ? `${what} is required.` : 'Must be text.');

// Line breaks in a name or subject are how header injection starts once they reach an e-mail.
const oneLine = (max: number, what: string) =>
  z
    .string({ error: (issue) => required(issue, what) })
    .trim()
    .refine((value) => characterCount(value) <= max, { error: `At most ${max} characters.`, params: { code: 'TOO_LONG' } })
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
    .refine((value) => !/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(value), {
      error: 'Must be a single line without control characters.',
      params: { code: 'CONTROL_CHARACTERS' },
    });

const presentLine = (max: number, what: string, presence: ContactFieldPresence) => {
  if (presence === 'hidden') return z.unknown().transform(() => '');
  const field = oneLine(max, what);
  if (presence === 'optional') return field.optional().transform((value) => value ?? '');
  return field.refine((value) => value.length > 0, { error: `${what} is required.`, params: { code: 'REQUIRED' } });
};

// Local part without spaces, quotes or separators; a domain of letters (any script), digits and hyphens with a TLD.
const EMAIL_ADDRESS = /^[^\s@"<>()[\]\\,;:\p{Cc}]{1,64}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;

// An unticked HTML checkbox is not posted at all, so missing means false.
const CHECKBOX_VALUES = new Map<unknown, boolean>([
  [undefined, false],
  [null, false],
  ['', false],
  ['0', false],
  ['false', false],
  [0, false],
  ['on', true],
  ['1', true],
  ['true', true],
  [1, true],
]);

// eslint-disable-next-line no-control-regex -- keeps tabs and line breaks, drops the rest of C0 and DEL
const MESSAGE_CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const checkbox = (what: string) =>
  z.preprocess(
    (value) => CHECKBOX_VALUES.get(value) ?? value,
    z.unknown().transform((value, ctx) => {
      if (typeof value === 'boolean') return value;
      ctx.addIssue({ code: 'custom', message: `${what} must be yes or no.`, params: { code: 'INVALID_VALUE' } });
      return z.NEVER;
    }),
  );

function selectSchema(field: ContactSelectField) {
  const offered = new Set(field.options);
  const isOffered = (value: string) => offered.has(value);
  const notOffered = { error: 'Choose one of the offered options.', params: { code: 'INVALID_OPTION' } };
  const requiredChoice = { error: 'Choose an option.', params: { code: 'REQUIRED' } };
  if (field.multiple) {
    return z
      .union([z.string(), z.array(z.string())], { error: 'Choose from the offered options.' })
      .optional()
      .transform((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]))
      .refine((values) => values.every(isOffered), notOffered)
      .refine((values) => !field.required || values.length > 0, requiredChoice);
  }
  return z
    .string({ error: 'Choose one of the offered options.' })
    .optional()
    .transform((value) => value ?? '')
    .refine((value) => value === '' || isOffered(value), notOffered)
    .refine((value) => !field.required || value !== '', requiredChoice);
}

function departmentSchema(departmentIds: number[]) {
  const allowed = new Set(departmentIds);
  const onlyOne = departmentIds.length === 1 ? departmentIds[0]! : null;
  return z
    .preprocess(
      (value) =>
        value === undefined || value === null || value === ''
          ? null
          : typeof value === 'string' && /^\d+$/.test(value)
            ? Number(value)
            : value,
      z.number({ error: 'Choose a department.' }).int({ error: 'Choose a department.' }).nullable(),
    )
    .transform((value) => (departmentIds.length === 0 ? null : (value ?? onlyOne)))
    .refine((value) => departmentIds.length === 0 || (value !== null && allowed.has(value)), {
      error: 'Choose one of the offered departments.',
      params: { code: 'INVALID_DEPARTMENT' },
    });
}

/**
 * The schema a form submission must pass, built from the form's own rules. Names and subjects are
 * single lines; the message keeps its text exactly (accents, emoji, markup are data, escaped when shown)
 * apart from unified line breaks and dropped control characters. The e-mail is normalised with
 * `normalizeContactEmail`.
 */
export function contactSubmissionSchema(rules: ContactFormRules = DEFAULT_CONTACT_FORM_RULES): z.ZodType<ContactSubmission, unknown> {
  return z.object({
    name: presentLine(CONTACT_NAME_MAX_CHARS, 'Your name', 'required'),
    email: z
      .string({ error: (issue) => required(issue, 'Your e-mail address') })
      .trim()
      .refine((value) => value.length > 0, { error: 'Your e-mail address is required.', params: { code: 'REQUIRED' } })
      .refine((value) => value === '' || (value.length <= 254 && EMAIL_ADDRESS.test(value)), {
        error: 'Enter a valid e-mail address.',
        params: { code: 'INVALID_EMAIL' },
      })
      .transform(normalizeContactEmail),
    phone: presentLine(40, 'Your phone number', rules.phone).refine((value) => /^[+()\d\s./-]*$/.test(value), {
      error: 'Use digits, spaces and + ( ) . - only.',
      params: { code: 'INVALID_PHONE' },
    }),
    subject: presentLine(CONTACT_SUBJECT_MAX_CHARS, 'The subject', rules.subject),
    message: z
      .string({ error: (issue) => required(issue, 'Your message') })
      .transform((value) => value.replace(/\r\n?/g, '\n').replace(MESSAGE_CONTROL_CHARACTERS, '').trim())
      .refine((value) => value.length > 0, { error: 'Your message is required.', params: { code: 'REQUIRED' } })
      .refine((value) => characterCount(value) <= CONTACT_MESSAGE_MAX_CHARS, {
        error: `At most ${CONTACT_MESSAGE_MAX_CHARS.toLocaleString('en')} characters.`,
        params: { code: 'TOO_LONG' },
      }),
    // Not .default({}): a missing object must still be checked for required selects.
    selections: z.preprocess(
      (value) => value ?? {},
      z.object(Object.fromEntries(rules.selects.map((field) => [field.name, selectSchema(field)])), {
        error: 'Must be an object of choices.',
      }),
    ),
    privacy_accepted: checkbox('Privacy acceptance').refine((value) => value, {
      error: 'Accept the privacy policy to send the form.',
      params: { code: 'PRIVACY_NOT_ACCEPTED' },
    }),
    marketing_consent: checkbox('Marketing consent'),
    department_id: departmentSchema(rules.department_ids),
  }) as unknown as z.ZodType<ContactSubmission, unknown>;
}

/** An address as stored for a contact: trimmed, domain in lower case, local part exactly as typed. */
export function normalizeContactEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/**
 * The key contacts are matched on: local part compared without case (as every common provider does),
 * domain in its ASCII (punycode) form so "ñandú.es" and "xn--and-6ma2c.es" are the same.
 */
export function contactEmailKey(email: string): string {
  const normalized = normalizeContactEmail(email).normalize('NFC');
  const at = normalized.lastIndexOf('@');
  if (at < 0) return normalized.toLowerCase();
  const domain = normalized.slice(at + 1);
  return `${normalized.slice(0, at).toLowerCase()}@${domainToASCII(domain) || domain}`;
}

export function sameContactEmail(a: string, b: string): boolean {
  return contactEmailKey(a) === contactEmailKey(b);
}
