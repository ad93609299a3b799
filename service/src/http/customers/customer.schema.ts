import { z } from 'zod';
import { checkCustomerTaxId } from '../../domain/customers/customer';
import { countryCode, email, oneLine, phone, rawField, requiredLine, text } from '../schema-fields';

export const customerSchema = z
  .object({
    legal_name: requiredLine(200, 'The name'),
    tax_id: oneLine(20)
      .nullable()
      .default(null)
      .transform((value) => value ?? ''),
    address_line: oneLine(250).default(''),
    postal_code: oneLine(20).default(''),
    city: oneLine(100).default(''),
    province: oneLine(100).default(''),
    country_code: countryCode().default('ES'),
    email: z.union([z.literal(''), email()]).default(''),
    additional_emails: z.array(email()).max(10, { error: 'At most 10 more e-mail addresses.' }).default([]),
    phone: phone().default(''),
    payment_terms_days: z
      .number({ error: 'Must be a whole number of days.' })
      .int({ error: 'Must be a whole number of days.' })
      .min(0, { error: 'Cannot be negative.' })
      .max(365, { error: 'At most 365 days.' })
      .default(0),
    notes: text().max(5000).default(''),
  })
  .refine((input) => checkCustomerTaxId(rawField(input, 'tax_id'), rawField(input, 'country_code').toUpperCase() || 'ES') === null, {
    path: ['tax_id'],
    when: () => true,
    error: (issue) =>
      checkCustomerTaxId(rawField(issue.input, 'tax_id'), rawField(issue.input, 'country_code').toUpperCase() || 'ES')?.message ??
      'Invalid tax ID.',
    params: { code: 'INVALID_TAX_ID' },
  });

export const customerSearchSchema = z.object({
  search: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

export const idParamSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});
