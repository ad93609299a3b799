import { Op, type Sequelize, type Transaction } from 'sequelize';
import type { CredentialCipher } from '../../adapters/crypto/credential-cipher';
import { inTransaction } from '../../db/transactions';
import { maskEmail, signupOutcome, type ListMemberStatus, type SignupOutcome } from '../../domain/lists/list-membership';
import { NotFoundError } from '../../errors';
import type { Logger } from '../../logger';
import type { OutboxService } from '../outbox/outbox-service';
import {
  CONFIRM_TOKEN_PURPOSE,
  UNSUBSCRIBE_TOKEN_PURPOSE,
  confirmationMailKey,
  hashListToken,
  newListToken,
  type ConsentRecord,
  type ListModels,
} from './list-models';

/** One sign-up request: a contact asks (form) or is said to have asked (admin, import) to join lists. */
export interface ListSignup {
  contact_id: number;
  list_ids: number[];
  consent: ConsentRecord;
  /** `form:<post id>`, `admin:<login>`, `import:<login>`. */
  source: string;
  /** Page the links may point at when CUADRA_PUBLIC_URL is unset (the form's permalink, given by WordPress). */
  link_base: string | null;
  locale: string;
  at: Date;
}

export interface SignupResult {
  list_id: number;
  member_id: number | null;
  outcome: SignupOutcome;
}

/** The payload of a `list_confirmation` outbox entry. */
export interface ConfirmationMailPayload {
  member_id: number;
  /** The raw confirmation token, sealed: only the composer opens it, right before sending. */
  confirm_token: string;
  link_base: string | null;
  locale: string;
}

/** What the public confirmation page shows for a token (never the full address). */
export interface ListActionView {
  action: 'confirm' | 'unsubscribe';
  list: { id: number; name: string };
  email_masked: string;
  status: ListMemberStatus;
  /** Whether this call changed the status (false when it was already so, and always for describe). */
  changed: boolean;
}

export function createListSignups({
  sequelize,
  models,
  outbox,
  cipher,
  logger,
  now,
  onMailQueued = () => undefined,
}: {
  sequelize: Sequelize;
  models: ListModels;
  outbox: OutboxService;
  cipher: CredentialCipher;
  logger: Logger;
  now: () => Date;
  onMailQueued?: () => void;
}) {
  const { MarketingList, ListMember, Contact } = models;

  async function queueConfirmation(tx: Transaction, memberId: number, signup: ListSignup): Promise<string> {
    const token = newListToken();
    const hash = hashListToken(token);
    const payload: ConfirmationMailPayload = {
      member_id: memberId,
      confirm_token: cipher.encrypt(token, CONFIRM_TOKEN_PURPOSE),
      link_base: signup.link_base,
      locale: signup.locale,
    };
    await outbox.enqueue(tx, 'list_confirmation', confirmationMailKey(memberId, hash), payload);
    return hash;
  }

  /** Applies the sign-up rule to each list, in the caller's transaction; unknown lists are skipped. */
  async function join(tx: Transaction, signup: ListSignup): Promise<SignupResult[]> {
    const results: SignupResult[] = [];
    for (const listId of [...new Set(signup.list_ids)]) {
      const list = await MarketingList.findByPk(listId, { transaction: tx });
      if (!list) {
        logger.warn({ list_id: listId, contact_id: signup.contact_id }, 'list sign-up skipped: no such list');
        continue;
      }
      const current = await ListMember.findOne({
        where: { list_id: listId, contact_id: signup.contact_id },
        transaction: tx,
        lock: tx.LOCK.UPDATE,
      });
      const outcome = signupOutcome(
        current ? { status: current.status as ListMemberStatus, consented_at: new Date(current.consented_at) } : null,
        list,
        signup.at,
      );
      const consent = {
        consent_text: signup.consent.text,
        consent_version: signup.consent.version.slice(0, 64),
        consent_ip: signup.consent.ip.slice(0, 45),
        consent_user_agent: signup.consent.user_agent.slice(0, 500),
        consent_source: signup.source.slice(0, 120),
        consented_at: signup.at,
      };
      if (outcome.action === 'create') {
        const unsubscribeToken = newListToken();
        const member = await ListMember.create(
          {
            list_id: listId,
            contact_id: signup.contact_id,
            status: outcome.status,
            ...consent,
            confirmed_at: outcome.status === 'subscribed' ? signup.at : null,
            unsubscribed_at: null,
            unsubscribe_source: null,
            confirm_token_hash: null,
            unsubscribe_token_hash: hashListToken(unsubscribeToken),
            unsubscribe_token_sealed: cipher.encrypt(unsubscribeToken, UNSUBSCRIBE_TOKEN_PURPOSE),
            created_at: signup.at,
            updated_at: signup.at,
          },
          { transaction: tx },
        );
        if (outcome.status === 'pending') {
          await member.update({ confirm_token_hash: await queueConfirmation(tx, member.id, signup) }, { transaction: tx });
        }
        results.push({ list_id: listId, member_id: member.id, outcome });
      } else if (outcome.action === 'resend-confirmation') {
        // The newest consent is the one the next confirmation proves; the earlier link stops working.
        const hash = await queueConfirmation(tx, current!.id, signup);
        await current!.update({ ...consent, confirm_token_hash: hash, updated_at: signup.at }, { transaction: tx });
        results.push({ list_id: listId, member_id: current!.id, outcome });
      } else {
        // Logged so a complaint ("I ticked it again!") can be answered; never acted on.
        logger.info(
          { list_id: listId, contact_id: signup.contact_id, member_id: current!.id, reason: outcome.reason, source: signup.source },
          'list sign-up left the membership as it was',
        );
        results.push({ list_id: listId, member_id: current!.id, outcome });
      }
    }
    return results;
  }

  async function memberByToken(tx: Transaction | undefined, column: 'confirm_token_hash' | 'unsubscribe_token_hash', token: string) {
    const member = await ListMember.findOne({
      where: { [column]: hashListToken(token) },
      transaction: tx,
      ...(tx ? { lock: tx.LOCK.UPDATE } : {}),
    });
    if (!member) throw new NotFoundError('This link is not valid (any more).', 'INVALID_TOKEN');
    return member;
  }

  async function viewOf(
    member: { list_id: number; contact_id: number; status: string },
    action: ListActionView['action'],
    changed: boolean,
    tx?: Transaction,
  ): Promise<ListActionView> {
    const [list, contact] = await Promise.all([
      MarketingList.findByPk(member.list_id, { transaction: tx }),
      Contact.findByPk(member.contact_id, { transaction: tx }),
    ]);
    return {
      action,
      list: { id: member.list_id, name: list?.name ?? '' },
      email_masked: maskEmail(contact?.email ?? ''),
      status: member.status as ListMemberStatus,
      changed,
    };
  }

  return {
    join,

    /**
     * The hook the contact-submission service calls in its own transaction. Only the marketing
     * checkbox counts as consent: privacy acceptance alone never puts anyone on a list.
     */
    async fromSubmission(
      tx: Transaction,
      submission: {
        contact_id: number;
        list_ids: number[];
        marketing_consent: boolean;
        consent: ConsentRecord;
        source: { post_id: number | null; page_url: string };
        locale: string;
        at: Date;
      },
    ): Promise<SignupResult[]> {
      if (submission.list_ids.length === 0) return [];
      if (!submission.marketing_consent) {
        logger.debug({ contact_id: submission.contact_id }, 'form names lists but marketing consent was not given: no sign-up');
        return [];
      }
      const results = await join(tx, {
        contact_id: submission.contact_id,
        list_ids: submission.list_ids,
        consent: submission.consent,
        source: `form:${submission.source.post_id ?? ''}`,
        link_base: /^https?:\/\//i.test(submission.source.page_url) ? submission.source.page_url : null,
        locale: submission.locale,
        at: submission.at,
      });
      if (results.some((r) => r.outcome.action === 'create' || r.outcome.action === 'resend-confirmation')) onMailQueued();
      return results;
    },

    /** What a link is about, changing nothing (link scanners and the GET page call this). */
    async describe(token: string): Promise<ListActionView> {
      const hash = hashListToken(token);
      const member = await ListMember.findOne({ where: { [Op.or]: [{ confirm_token_hash: hash }, { unsubscribe_token_hash: hash }] } });
      if (!member) throw new NotFoundError('This link is not valid (any more).', 'INVALID_TOKEN');
      return viewOf(member, member.unsubscribe_token_hash === hash ? 'unsubscribe' : 'confirm', false);
    },

    /** Double opt-in: a pending membership becomes subscribed; anything else stays as it is. */
    async confirm(token: string): Promise<ListActionView> {
      return inTransaction(sequelize, async (tx) => {
        const member = await memberByToken(tx, 'confirm_token_hash', token);
        const changed = member.status === 'pending';
        if (changed) await member.update({ status: 'subscribed', confirmed_at: now(), updated_at: now() }, { transaction: tx });
        else logger.info({ member_id: member.id, status: member.status }, 'list confirmation left the membership as it was');
        return viewOf(member, 'confirm', changed, tx);
      });
    },

    /**
     * Leaves the list (idempotent): whatever the status was, it is unsubscribed now and stays so. `how`:
     * the mail client's one-click POST, the page's button, or a mail to the List-Unsubscribe mailto.
     */
    async unsubscribe(token: string, how: 'one-click' | 'link' | 'mailto'): Promise<ListActionView> {
      return inTransaction(sequelize, async (tx) => {
        const member = await memberByToken(tx, 'unsubscribe_token_hash', token);
        const changed = member.status !== 'unsubscribed';
        if (changed) {
          await member.update(
            { status: 'unsubscribed', unsubscribed_at: now(), unsubscribe_source: how, updated_at: now() },
            { transaction: tx },
          );
        }
        return viewOf(member, 'unsubscribe', changed, tx);
      });
    },
  };
}

export type ListSignups = ReturnType<typeof createListSignups>;
