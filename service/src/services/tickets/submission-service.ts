import type { Sequelize, Transaction } from 'sequelize';
import { inTransaction } from '../../db/transactions';
import type { ContactSubmission } from '../../domain/tickets/contact-submission';
import type { DepartmentService } from './department-service';
import type { TicketModels } from './ticket-models';
import type { TicketService } from './ticket-service';

/** A submission as WordPress delivers it, after validation (see http/tickets/contact-submission.schema.ts). */
export interface SubmissionInput {
  idempotency_key: string;
  submitted_at: Date;
  source: { post_id: number | null; page_url: string; form_id: string };
  department_id: number | null;
  list_ids: number[];
  fields: ContactSubmission;
  consent: { text: string; version: string; ip: string; user_agent: string };
  locale: string;
}

export interface SubmissionReceipt {
  ticket_id: number;
  ticket_number: number;
  contact_id: number;
}

/** The lists feature (services/lists/list-signups.ts): joins consenting contacts to lists in the submission's transaction. */
export interface SubmissionListSignups {
  fromSubmission(
    tx: Transaction,
    submission: {
      contact_id: number;
      list_ids: number[];
      marketing_consent: boolean;
      consent: SubmissionInput['consent'];
      source: SubmissionInput['source'];
      locale: string;
      at: Date;
    },
  ): Promise<unknown>;
}

/** One item of a batch: stored (now or before), or to be sent again later. */
export type BatchOutcome = { retry: false; created: boolean; receipt: SubmissionReceipt } | { retry: true; error: unknown };

const isUniqueViolation = (err: unknown) => (err as Error)?.name === 'SequelizeUniqueConstraintError';

export function createSubmissionService({
  sequelize,
  models,
  departments,
  tickets,
  listSignups,
  now,
  onMailQueued = () => undefined,
}: {
  sequelize: Sequelize;
  models: TicketModels;
  departments: DepartmentService;
  tickets: TicketService;
  listSignups?: SubmissionListSignups;
  now: () => Date;
  onMailQueued?: () => void;
}) {
  const { ContactSubmission, Department } = models;

  async function receiptFor(key: string): Promise<SubmissionReceipt | null> {
    const row = await ContactSubmission.findOne({ where: { idempotency_key: key } });
    return row ? { ticket_id: row.ticket_id, ticket_number: row.ticket_id, contact_id: row.contact_id } : null;
  }

  type DepartmentRow = NonNullable<Awaited<ReturnType<DepartmentService['defaultDepartment']>>>;

  /** The department an enquiry goes to; a batch looks each one up once (`seen`). */
  async function departmentFor(tx: Transaction, id: number | null, seen: Map<number | null, DepartmentRow>): Promise<DepartmentRow> {
    const known = seen.get(id);
    if (known) return known;
    // A form may name a department deleted since it was published: the enquiry still goes to the default one.
    const chosen = id === null ? null : await Department.findByPk(id, { transaction: tx });
    const department = chosen ?? (await departments.defaultDepartment(tx));
    seen.set(id, department);
    return department;
  }

  /** Stores one new submission (contact, ticket, its record and list sign-ups) inside the caller's transaction. */
  async function store(
    tx: Transaction,
    input: SubmissionInput,
    seen = new Map<number | null, DepartmentRow>(),
  ): Promise<SubmissionReceipt> {
    const department = await departmentFor(tx, input.department_id, seen);
    const received = now();
    // The visitor's time counts for response times (WordPress may deliver late), but never a future one.
    const createdAt = input.submitted_at.getTime() < received.getTime() ? input.submitted_at : received;
    const { fields } = input;
    const { ticket, contact_id } = await tickets.openTicket(tx, {
      person: { email: fields.email, name: fields.name, phone: fields.phone, source: 'form', created_from: input.source.page_url },
      department,
      subject: fields.subject,
      body_text: fields.message,
      body_html: null,
      message_id: null,
      locale: input.locale,
      created_at: createdAt,
      attachments: [],
    });
    await ContactSubmission.create(
      {
        idempotency_key: input.idempotency_key,
        ticket_id: ticket.id,
        contact_id,
        department_id: department.id,
        submitted_at: input.submitted_at,
        source_post_id: input.source.post_id,
        source_page_url: input.source.page_url,
        source_form_id: input.source.form_id,
        list_ids: JSON.stringify(input.list_ids),
        fields: JSON.stringify({
          name: fields.name,
          email: fields.email,
          phone: fields.phone,
          subject: fields.subject,
          message: fields.message,
          selects: fields.selections,
        }),
        privacy_accepted: fields.privacy_accepted,
        marketing_consent: fields.marketing_consent,
        consent_text: input.consent.text,
        consent_version: input.consent.version,
        consent_ip: input.consent.ip,
        consent_user_agent: input.consent.user_agent,
        locale: input.locale,
        created_at: received,
      },
      { transaction: tx },
    );
    await listSignups?.fromSubmission(tx, {
      contact_id,
      list_ids: input.list_ids,
      marketing_consent: fields.marketing_consent,
      consent: input.consent,
      source: input.source,
      locale: input.locale,
      at: createdAt,
    });
    return { ticket_id: ticket.id, ticket_number: ticket.id, contact_id };
  }

  async function submit(input: SubmissionInput): Promise<{ created: boolean; receipt: SubmissionReceipt }> {
    const earlier = await receiptFor(input.idempotency_key);
    if (earlier) return { created: false, receipt: earlier };
    try {
      const receipt = await inTransaction(sequelize, (tx) => store(tx, input));
      onMailQueued();
      return { created: true, receipt };
    } catch (err) {
      // The same delivery arrived twice at once: the other one stored it, this one answers with it.
      if (isUniqueViolation(err)) {
        const stored = await receiptFor(input.idempotency_key);
        if (stored) return { created: false, receipt: stored };
      }
      throw err;
    }
  }

  return {
    /**
     * Stores a form submission as a contact and a ticket, once per idempotency key, and queues the
     * acknowledgement and the department notice in the same transaction (stored first, mailed after).
     */
    submit,

    /**
     * Stores a batch that WordPress queued while answering visitors at once. All new submissions go in
     * one transaction (one commit instead of one per enquiry, which is what a busy form costs); if
     * that transaction fails for any reason (a duplicate delivered concurrently, a deadlock) each
     * one is retried on its own, so one bad row never holds the others back.
     */
    async submitBatch(inputs: SubmissionInput[]): Promise<BatchOutcome[]> {
      const keys = inputs.map((input) => input.idempotency_key);
      const earlier = new Map(
        (await ContactSubmission.findAll({ where: { idempotency_key: keys } })).map((row) => [
          row.idempotency_key,
          { ticket_id: row.ticket_id, ticket_number: row.ticket_id, contact_id: row.contact_id },
        ]),
      );
      // The same key twice in one batch is stored once.
      const fresh = inputs.filter((input, index) => !earlier.has(input.idempotency_key) && keys.indexOf(input.idempotency_key) === index);
      let stored: Map<string, SubmissionReceipt>;
      const failed = new Map<string, unknown>();
      try {
        stored = await inTransaction(sequelize, async (tx) => {
          const receipts = new Map<string, SubmissionReceipt>();
          const seen = new Map<number | null, DepartmentRow>();
          for (const input of fresh) receipts.set(input.idempotency_key, await store(tx, input, seen));
          return receipts;
        });
      } catch {
        // One by one; an item that still fails is reported for a later retry of that item alone, so it
        // never holds back the others.
        stored = new Map();
        for (const input of fresh) {
          try {
            const outcome = await submit(input);
            if (outcome.created) stored.set(input.idempotency_key, outcome.receipt);
            else earlier.set(input.idempotency_key, outcome.receipt);
          } catch (err) {
            failed.set(input.idempotency_key, err);
          }
        }
      }
      if (stored.size > 0) onMailQueued();
      const reported = new Set<string>();
      return inputs.map((input): BatchOutcome => {
        const key = input.idempotency_key;
        const error = failed.get(key);
        if (error !== undefined) return { retry: true, error };
        const created = stored.has(key) && !reported.has(key);
        reported.add(key);
        return { retry: false, created, receipt: (stored.get(key) ?? earlier.get(key)) as SubmissionReceipt };
      });
    },
  };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;
