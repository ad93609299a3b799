import { Router } from 'express';
import type { SubmissionService } from '../../services/tickets/submission-service';
import { CAPABILITIES, FORM_SUBMIT_CAPABILITY, requireCapability } from '../auth/capabilities';
import { parseSubmission } from './tickets.schema';

export function contactSubmissionsRoutes({ submissions }: { submissions: SubmissionService }): Router {
  const router = Router();
  // WordPress delivers form posts as a system user that can do nothing else.
  router.post('/contact-submissions', requireCapability(FORM_SUBMIT_CAPABILITY, CAPABILITIES.support), async (req, res) => {
    const { created, receipt } = await submissions.submit(parseSubmission(req.body));
    res.status(created ? 201 : 200).json(receipt);
  });
  return router;
}
