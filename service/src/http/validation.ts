import type { z } from 'zod';
import { ValidationError, type ErrorDetail } from '../errors';

// zod issue codes mapped to the stable codes clients translate; refinements bring their own code.
function codeFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom') {
    const params = (issue as { params?: { code?: string } }).params;
    return params?.code ?? 'INVALID_VALUE';
  }
  if (issue.code === 'too_small') return issue.minimum === 1 && issue.origin === 'string' ? 'REQUIRED' : 'TOO_SMALL';
  if (issue.code === 'too_big') return issue.origin === 'string' ? 'TOO_LONG' : 'TOO_BIG';
  if (issue.code === 'invalid_format') return issue.format === 'email' ? 'INVALID_EMAIL' : 'INVALID_FORMAT';
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'REQUIRED' : 'INVALID_TYPE';
  if (issue.code === 'invalid_value') return 'INVALID_VALUE';
  if (issue.code === 'unrecognized_keys') return 'UNKNOWN_FIELD';
  return 'INVALID_VALUE';
}

/** Parses input with a schema or throws one ValidationError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  // reportInput keeps each issue's input, which tells "missing" (REQUIRED) from "wrong type" (INVALID_TYPE).
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const seen = new Set<string>();
  const fields: ErrorDetail[] = [];
  for (const issue of result.error.issues) {
    const property = issue.path.map(String).join('.') || null;
    const key = property ?? '';
    if (seen.has(key)) continue; // one message per field is what a form can show
    seen.add(key);
    fields.push({ message: issue.message, code: codeFor(issue), property });
  }
  throw new ValidationError(fields);
}
