import { Router } from 'express';
import type { ContactService } from '../../services/contacts/contact-service';
import { CAPABILITIES, requireCapability } from '../auth/capabilities';
import { parseInput } from '../validation';
import { contactIdParam, contactSearchSchema, leadChangeSchema } from './contacts.schema';

/** Contacts for support staff: leads, customers and subscribers alike, with their tickets and list consent. */
export function contactsRoutes({ contacts }: { contacts: ContactService }): Router {
  const router = Router();
  const support = requireCapability(CAPABILITIES.support);

  router.get('/contacts', support, async (req, res) => {
    res.json(await contacts.search(parseInput(contactSearchSchema, req.query)));
  });
  router.get('/contacts/:id', support, async (req, res) => {
    res.json(await contacts.get(contactIdParam(req.params)));
  });
  router.put('/contacts/:id', support, async (req, res) => {
    const id = contactIdParam(req.params);
    res.json(await contacts.updateLead(id, parseInput(leadChangeSchema, req.body ?? {})));
  });
  return router;
}
