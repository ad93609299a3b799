/** Where a contact stands on one list. */
export const LIST_MEMBER_STATUSES = ['pending', 'subscribed', 'unsubscribed'] as const;
export type ListMemberStatus = (typeof LIST_MEMBER_STATUSES)[number];

/** What a new sign-up (form, admin, import) does to an existing membership. */
export type SignupOutcome =
  | { action: 'create'; status: 'pending' | 'subscribed' }
  | { action: 'resend-confirmation' }
  | { action: 'keep'; reason: 'already-subscribed' | 'unsubscribed' | 'confirmation-recent' };

/** A second opt-in e-mail to the same address waits this long: a form must not become a way to flood someone's inbox. */
export const CONFIRMATION_RESEND_AFTER_MS = 24 * 3600_000;

/**
 * The sign-up rule. An unsubscribed contact never flips back by a later form or import (only they can
 * decide that, and there is no such way yet); a subscribed one stays subscribed with its first consent;
 * a pending one gets a new confirmation e-mail at most once a day.
 */
export function signupOutcome(
  current: { status: ListMemberStatus; consented_at: Date } | null,
  list: { double_opt_in: boolean },
  at: Date,
): SignupOutcome {
  if (!current) return { action: 'create', status: list.double_opt_in ? 'pending' : 'subscribed' };
  if (current.status === 'unsubscribed') return { action: 'keep', reason: 'unsubscribed' };
  if (current.status === 'subscribed') return { action: 'keep', reason: 'already-subscribed' };
  if (at.getTime() - current.consented_at.getTime() < CONFIRMATION_RESEND_AFTER_MS)
    return { action: 'keep', reason: 'confirmation-recent' };
  return { action: 'resend-confirmation' };
}

/** An address shown on a public page to whoever holds a link: enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = Array.from(email.slice(0, at));
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = Array.from(dot > 0 ? domain.slice(0, dot) : domain);
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local[0]}***@${host[0] ?? ''}***${tld}`;
}
