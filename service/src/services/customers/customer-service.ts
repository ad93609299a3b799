import { DuplicateTaxIdError, type CustomerRepository, type CustomerSearch } from '../../db/customer-repository';
import { canonicalCustomerTaxId, type Customer, type CustomerInput } from '../../domain/customers/customer';
import { ConflictError, NotFoundError } from '../../errors';

export function createCustomerService({ customers }: { customers: CustomerRepository }) {
  function canonical(input: CustomerInput): CustomerInput {
    return { ...input, tax_id: canonicalCustomerTaxId(input.tax_id ?? '', input.country_code) };
  }

  async function withDuplicateCheck<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof DuplicateTaxIdError) {
        const where = err.existingId ? ` (customer #${err.existingId})` : '';
        throw new ConflictError(`A customer with this tax ID already exists${where}.`, 'DUPLICATE_TAX_ID', 'tax_id');
      }
      throw err;
    }
  }

  return {
    /**
     * A person who wrote through the contact form and now buys is one contact, not two: the form
     * contact with this e-mail (and no tax ID yet) becomes the customer, keeping its tickets and lists.
     */
    async createCustomer(input: CustomerInput): Promise<Customer> {
      const known = input.email ? await customers.findUnbilledContactByEmail(input.email) : null;
      if (known) {
        const adopted = await withDuplicateCheck(() => customers.update(known.id, canonical(input)));
        if (adopted) return adopted;
      }
      return withDuplicateCheck(() => customers.create(canonical(input)));
    },
    async updateCustomer(id: number, input: CustomerInput): Promise<Customer> {
      const updated = await withDuplicateCheck(() => customers.update(id, canonical(input)));
      if (!updated) throw new NotFoundError('There is no customer with this id.', 'NOT_FOUND');
      return updated;
    },
    async getCustomer(id: number): Promise<Customer> {
      const customer = await customers.findById(id);
      if (!customer) throw new NotFoundError('There is no customer with this id.', 'NOT_FOUND');
      return customer;
    },
    searchCustomers(query: CustomerSearch) {
      return customers.search(query);
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
