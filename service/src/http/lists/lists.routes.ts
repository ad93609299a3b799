import { Router } from 'express';
import type { ListService } from '../../services/lists/list-service';
import { CAPABILITIES, EDIT_POSTS_CAPABILITY, requireCapability } from '../auth/capabilities';
import { parseInput } from '../validation';
import { idParam, listSchema, memberInputSchema, memberSearchSchema } from './lists.schema';

export function listsRoutes({ lists }: { lists: ListService }): Router {
  const router = Router();
  const support = requireCapability(CAPABILITIES.support);
  // The block editor offers the lists a form may join: names only, nothing about members.
  const readers = requireCapability(CAPABILITIES.support, CAPABILITIES.billing, CAPABILITIES.manage, EDIT_POSTS_CAPABILITY);

  router.get('/lists', readers, async (_req, res) => {
    res.json(await lists.list());
  });
  router.get('/lists/:id', readers, async (req, res) => {
    res.json(await lists.get(idParam(req.params)));
  });
  router.post('/lists', support, async (req, res) => {
    res.status(201).json(await lists.create(parseInput(listSchema, req.body ?? {})));
  });
  router.put('/lists/:id', support, async (req, res) => {
    const id = idParam(req.params);
    res.json(await lists.update(id, parseInput(listSchema, req.body ?? {})));
  });
  router.delete('/lists/:id', support, async (req, res) => {
    await lists.remove(idParam(req.params));
    res.status(204).end();
  });

  router.get('/lists/:id/members', support, async (req, res) => {
    const id = idParam(req.params);
    res.json(await lists.members(id, parseInput(memberSearchSchema, req.query)));
  });
  router.post('/lists/:id/members', support, async (req, res) => {
    const id = idParam(req.params);
    const { created, member } = await lists.addMember(id, parseInput(memberInputSchema, req.body ?? {}), { login: req.user!.login });
    res.status(created ? 201 : 200).json(member);
  });
  router.post('/lists/:id/members/:contactId/unsubscribe', support, async (req, res) => {
    const id = idParam(req.params);
    res.json(await lists.unsubscribeMember(id, idParam(req.params, 'contactId', 'contact'), { login: req.user!.login }));
  });

  router.get('/lists/:id/export.csv', support, async (req, res) => {
    const id = idParam(req.params);
    const rows = lists.exportCsv(id);
    // The first chunk (the header) comes after the list was found, so a 404 is still a JSON error.
    const first = await rows.next();
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="list-${id}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.write(`\uFEFF${first.done ? '' : first.value}`);
    for await (const chunk of rows) res.write(chunk);
    res.end();
  });
  return router;
}
