import { Router } from 'express';
import type { CustomerService } from '../../services/customers/customer-service';
import { CAPABILITIES, requireCapability } from '../auth/capabilities';
import { NotFoundError } from '../../errors';
import { parseInput } from '../validation';
import { customerSchema, customerSearchSchema, idParamSchema } from './customer.schema';

function customerId(params: unknown): number {
  const parsed = idParamSchema.safeParse(params);
  if (!parsed.success) throw new NotFoundError('There is no customer with this id.', 'NOT_FOUND');
  return parsed.data.id;
}

export function customersRoutes({ customers }: { customers: CustomerService }): Router {
  const router = Router();
  const billing = requireCapability(CAPABILITIES.billing);

  router.get('/customers', billing, async (req, res) => {
    res.json(await customers.searchCustomers(parseInput(customerSearchSchema, req.query)));
  });
  router.post('/customers', billing, async (req, res) => {
    res.status(201).json(await customers.createCustomer(parseInput(customerSchema, req.body ?? {})));
  });
  router.get('/customers/:id', billing, async (req, res) => {
    res.json(await customers.getCustomer(customerId(req.params)));
  });
  router.put('/customers/:id', billing, async (req, res) => {
    const id = customerId(req.params);
    res.json(await customers.updateCustomer(id, parseInput(customerSchema, req.body ?? {})));
  });
  return router;
}
