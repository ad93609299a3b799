import { z } from 'zod';
import { NotFoundError } from '../../errors';
import { CONTACT_FILTERS } from '../../services/contacts/contact-service';
import { oneLine, phone, requiredLine } from '../schema-fields';

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);

/** A route id that is not a number is a missing contact (404), not a form error. */
export function contactIdParam(params: unknown): number {
  const parsed = id.safeParse((params as Record<string, unknown>).id);
  if (!parsed.success) throw new NotFoundError('There is no contact with this id.', 'NOT_FOUND');
  return parsed.data;
}

export const contactSearchSchema = z.object({
  search: oneLine(200).optional(),
  filter: z.enum(CONTACT_FILTERS, { error: `Use ${CONTACT_FILTERS.join(', ')}.` }).default('all'),
  list_id: id.optional(),
  page: z.coerce.number({ error: 'Must be a number.' }).int().min(1).max(100_000).default(1),
  per_page: z.coerce.number({ error: 'Must be a number.' }).int().min(1).max(100).default(20),
});

/** What support staff may change on a lead: nothing that belongs to billing. */
export const leadChangeSchema = z.strictObject(
  {
    name: requiredLine(200, 'The name'),
    phone: phone().default(''),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'Only the name and phone of a lead can be changed here.' : undefined) },
);
