import { z } from 'zod';

/** Text input whose "missing" and "wrong type" messages a form can show as they are. */
export const text = () => z.string({ error: (issue) => (issue.input === undefined ? 'This field is required.' : 'Must be text.') });

// Line breaks in one-line fields are how header injection starts once these reach e-mails and PDFs.
export const oneLine = (max: number) =>
  text()
    .trim()
    .max(max, { error: `At most ${max} characters.` })
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
    .refine((value) => !/[\r\n\u0000-\u001f\u007f]/.test(value), {
      error: 'Must be a single line without control characters.',
      params: { code: 'CONTROL_CHARACTERS' },
    });

export const requiredLine = (max: number, what: string) =>
  oneLine(max).refine((value) => value.length > 0, { error: `${what} is required.`, params: { code: 'REQUIRED' } });

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

export const countryCode = () =>
  text()
    .trim()
    .toUpperCase()
    .refine((code) => /^[A-Z]{2}$/.test(code) && REGION_NAMES.of(code) !== undefined, {
      error: 'Use a two-letter ISO country code such as ES.',
      params: { code: 'INVALID_COUNTRY' },
    });

export const email = () =>
  text()
    .trim()
    .max(254)
    .pipe(z.email({ error: 'Enter a valid e-mail address.' }));

export const phone = () =>
  oneLine(40).refine((value) => /^[+()\d\s./-]*$/.test(value), {
    error: 'Use digits, spaces and + ( ) . - only.',
    params: { code: 'INVALID_PHONE' },
  });

/** Reads a string property of a not-yet-validated object, for rules that span fields. */
export function rawField(input: unknown, name: string): string {
  const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.trim() : '';
}
