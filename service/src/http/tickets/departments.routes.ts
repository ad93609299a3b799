import { Router } from 'express';
import { NotFoundError } from '../../errors';
import type { DepartmentService } from '../../services/tickets/department-service';
import { CAPABILITIES, EDIT_POSTS_CAPABILITY, requireCapability } from '../auth/capabilities';
import { parseInput } from '../validation';
import { departmentSchema, idParamSchema } from './tickets.schema';

function departmentId(params: unknown): number {
  const parsed = idParamSchema.safeParse(params);
  if (!parsed.success) throw new NotFoundError('There is no department with this id.', 'NOT_FOUND');
  return parsed.data.id;
}

export function departmentsRoutes({ departments }: { departments: DepartmentService }): Router {
  const router = Router();
  const support = requireCapability(CAPABILITIES.support);
  // The block editor lists departments for anyone who edits posts; nothing here is confidential.
  const readers = requireCapability(CAPABILITIES.support, CAPABILITIES.billing, CAPABILITIES.manage, EDIT_POSTS_CAPABILITY);

  router.get('/departments', readers, async (_req, res) => {
    res.json({ items: await departments.list() });
  });
  router.get('/departments/:id', readers, async (req, res) => {
    res.json(await departments.get(departmentId(req.params)));
  });
  router.post('/departments', support, async (req, res) => {
    res.status(201).json(await departments.create(parseInput(departmentSchema, req.body ?? {})));
  });
  router.put('/departments/:id', support, async (req, res) => {
    const id = departmentId(req.params);
    res.json(await departments.update(id, parseInput(departmentSchema, req.body ?? {})));
  });
  return router;
}
