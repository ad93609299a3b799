import { Router } from 'express';
import type { ListSignups } from '../../services/lists/list-signups';
import { CAPABILITIES, FORM_SUBMIT_CAPABILITY, requireCapability } from '../auth/capabilities';
import { parseInput } from '../validation';
import { tokenSchema, unsubscribeSchema } from './lists.schema';

/**
 * What WordPress asks on behalf of a visitor who followed a link from a list e-mail. It signs as the
 * form-submitter system user: the token is the visitor's only credential.
 */
export function listActionsRoutes({ signups }: { signups: ListSignups }): Router {
  const router = Router();
  const wordpress = requireCapability(FORM_SUBMIT_CAPABILITY, CAPABILITIES.support);

  // Read-only: the confirmation page shows it before the visitor presses the button.
  router.get('/list-actions/describe', wordpress, async (req, res) => {
    const { token } = parseInput(tokenSchema, req.query);
    res.json(await signups.describe(token));
  });
  router.post('/list-actions/confirm', wordpress, async (req, res) => {
    const { token } = parseInput(tokenSchema, req.body ?? {});
    res.json(await signups.confirm(token));
  });
  router.post('/list-actions/unsubscribe', wordpress, async (req, res) => {
    const { token, method } = parseInput(unsubscribeSchema, req.body ?? {});
    res.json(await signups.unsubscribe(token, method));
  });
  return router;
}
