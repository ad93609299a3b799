import { Router } from 'express';
import type { ContactPrivacyService } from '../../services/lists/contact-privacy-service';
import { CAPABILITIES, requireCapability } from '../auth/capabilities';
import { parseInput } from '../validation';
import { emailSchema, idParam } from './lists.schema';

/** GDPR access and erasure by e-mail address (the WordPress privacy exporter and eraser call these). */
export function contactsPrivacyRoutes({ privacy }: { privacy: ContactPrivacyService }): Router {
  const router = Router();
  const allowed = requireCapability(CAPABILITIES.support, CAPABILITIES.manage);

  router.get('/contacts/personal-data', allowed, async (req, res) => {
    res.json(await privacy.personalDataByEmail(parseInput(emailSchema, req.query).email));
  });
  router.get('/contacts/:id/personal-data', allowed, async (req, res) => {
    res.json(await privacy.personalDataOfContact(idParam(req.params, 'id', 'contact')));
  });
  router.post('/contacts/erase', allowed, async (req, res) => {
    res.json(await privacy.erase(parseInput(emailSchema, req.body ?? {}).email));
  });
  return router;
}
