import { Router } from 'express';
import { ValidationError, type ErrorDetail } from '../../errors';
import type { SubmissionInput, SubmissionService } from '../../services/tickets/submission-service';
import { CAPABILITIES, FORM_SUBMIT_CAPABILITY, requireCapability } from '../auth/capabilities';
import { parseSubmission } from './tickets.schema';

/** WordPress sends at most this many queued submissions per request (its batches are smaller). */
export const SUBMISSION_BATCH_LIMIT = 100;

type BatchItem =
  | { index: number; idempotency_key: string | null; status: 'created' | 'existing'; ticket_id: number; contact_id: number }
  | { index: number; idempotency_key: string | null; status: 'rejected'; errors: ErrorDetail[] }
  | { index: number; idempotency_key: string | null; status: 'retry'; message: string };

const keyOf = (item: unknown): string | null => {
  const key = (item as { idempotency_key?: unknown } | null)?.idempotency_key;
  return typeof key === 'string' ? key : null;
};

export function contactSubmissionsRoutes({ submissions }: { submissions: SubmissionService }): Router {
  const router = Router();
  // WordPress delivers form posts as a system user that can do nothing else.
  const formSubmitter = requireCapability(FORM_SUBMIT_CAPABILITY, CAPABILITIES.support);

  router.post('/contact-submissions', formSubmitter, async (req, res) => {
    const { created, receipt } = await submissions.submit(parseSubmission(req.body));
    res.status(created ? 201 : 200).json(receipt);
  });

  // The queue WordPress fills while it answers visitors at once. Each item is judged on its own: a
  // rejected one is reported with its field errors and never holds back the others.
  router.post('/contact-submissions/batch', formSubmitter, async (req, res) => {
    const list = (req.body as { submissions?: unknown } | undefined)?.submissions;
    if (!Array.isArray(list) || list.length === 0 || list.length > SUBMISSION_BATCH_LIMIT) {
      throw new ValidationError([
        {
          property: 'submissions',
          code: 'INVALID_VALUE',
          message: `Send a list of 1 to ${SUBMISSION_BATCH_LIMIT} submissions.`,
        },
      ]);
    }
    const results: BatchItem[] = [];
    const valid: Array<{ index: number; input: SubmissionInput }> = [];
    list.forEach((item, index) => {
      try {
        valid.push({ index, input: parseSubmission(item) });
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        results.push({ index, idempotency_key: keyOf(item), status: 'rejected', errors: err.fields });
      }
    });
    if (valid.length > 0) {
      const outcomes = await submissions.submitBatch(valid.map(({ input }) => input));
      valid.forEach(({ index, input }, at) => {
        const outcome = outcomes[at]!;
        if (outcome.retry) {
          // The reason stays in the service's log; WordPress only learns to send this one again later.
          req.log?.error(
            { err: outcome.error, idempotency_key: input.idempotency_key },
            'a contact submission of a batch could not be stored',
          );
          results.push({
            index,
            idempotency_key: input.idempotency_key,
            status: 'retry',
            message: 'Not stored this time; send it again later.',
          });
          return;
        }
        results.push({
          index,
          idempotency_key: input.idempotency_key,
          status: outcome.created ? 'created' : 'existing',
          ticket_id: outcome.receipt.ticket_id,
          contact_id: outcome.receipt.contact_id,
        });
      });
    }
    res.status(200).json({ results: results.sort((a, b) => a.index - b.index) });
  });
  return router;
}
