import { createHash, randomBytes } from 'node:crypto';
import type { ModelStatic } from 'sequelize';
import type { ContactRecord } from '../../db/models/contact.model';
import type { ListMemberRecord, MarketingListRecord } from '../../db/models/list.model';
import type { OutboxRecord } from '../../db/models/outbox.model';
import type { ListMemberStatus } from '../../domain/lists/list-membership';

export interface ListModels {
  MarketingList: ModelStatic<MarketingListRecord>;
  ListMember: ModelStatic<ListMemberRecord>;
  Contact: ModelStatic<ContactRecord>;
  Outbox: ModelStatic<OutboxRecord>;
}

/** Where list e-mail links point and who answers mailto unsubscribes. */
export interface ListMailSettings {
  /** MAIL_FROM. */
  from: string;
  /** Receives `mailto:` unsubscribe requests (the support mailbox); null when no mailbox reader is configured. */
  unsubscribeMailto: string | null;
  /** CUADRA_PUBLIC_URL: the WordPress site; when unset, a form sign-up's links point at the form's own page. */
  publicUrl: string | null;
}

/** The consent a person gave, as recorded with a membership. */
export interface ConsentRecord {
  text: string;
  version: string;
  ip: string;
  user_agent: string;
}

/** Cipher purposes: each sealed value is bound to what it is. */
export const CONFIRM_TOKEN_PURPOSE = 'list-member:confirm-token';
export const UNSUBSCRIBE_TOKEN_PURPOSE = 'list-member:unsubscribe-token';

/** 256 random bits, URL-safe: what a confirmation or unsubscribe link carries. */
export function newListToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256: a database dump holds no working link. */
export function hashListToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Outbox key of one opt-in e-mail: per membership and per confirmation token. */
export const confirmationMailKey = (memberId: number, confirmHash: string) => `list-confirmation:${memberId}:${confirmHash.slice(0, 16)}`;
export const confirmationMailPrefix = (memberId: number) => `list-confirmation:${memberId}:`;

export interface ListMemberView {
  list_id: number;
  contact: { id: number; name: string; email: string };
  status: ListMemberStatus;
  consent: { text: string; version: string; ip: string; user_agent: string; source: string; consented_at: string };
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  unsubscribe_source: string | null;
  created_at: string;
  updated_at: string;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export function memberView(row: ListMemberRecord, contact: ContactRecord | null): ListMemberView {
  return {
    list_id: row.list_id,
    contact: { id: row.contact_id, name: contact?.legal_name ?? '', email: contact?.email ?? '' },
    status: row.status as ListMemberStatus,
    consent: {
      text: row.consent_text,
      version: row.consent_version,
      ip: row.consent_ip,
      user_agent: row.consent_user_agent,
      source: row.consent_source,
      consented_at: iso(row.consented_at)!,
    },
    confirmed_at: iso(row.confirmed_at),
    unsubscribed_at: iso(row.unsubscribed_at),
    unsubscribe_source: row.unsubscribe_source,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}
