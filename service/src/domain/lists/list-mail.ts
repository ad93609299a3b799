/** The query parameter WordPress handles on any front-end URL of the site (wp-plugin/src/Lists/ListActionHandler.php). */
export const LIST_ACTION_PARAMETER = 'cuadra_list_action';
export type ListAction = 'confirm' | 'unsubscribe';

/**
 * A link to a list action on the public site: the base (a page of the site) keeps its own query
 * (plain permalinks such as `/?page_id=12` must keep working) and gains the action and the token.
 */
export function listActionUrl(base: string, action: ListAction, token: string): string {
  const url = new URL(base);
  url.hash = '';
  url.searchParams.delete(LIST_ACTION_PARAMETER);
  url.searchParams.delete('token');
  url.searchParams.set(LIST_ACTION_PARAMETER, action);
  url.searchParams.set('token', token);
  return url.toString();
}

/** The word before the token in the subject of a mailto unsubscribe (`unsubscribe <token>`). */
export const MAILTO_UNSUBSCRIBE_WORD = 'unsubscribe';

/** A member's unsubscribe token as newListToken makes it: 32 random bytes, base64url, 43 characters. */
const TOKEN = '[A-Za-z0-9_-]{43}';
const NOT_TOKEN_CHAR = '(?![A-Za-z0-9_-])';
// In the subject: the word, then spaces (or `%20`/`+` from a client that did not decode the mailto URL).
const SUBJECT_TOKEN = new RegExp(`(?:^|[^A-Za-z0-9_-])${MAILTO_UNSUBSCRIBE_WORD}(?:\\s|%20|\\+|:)+(${TOKEN})${NOT_TOKEN_CHAR}`, 'gi');
// In a recipient: a plus-address `local+unsubscribe-<token>@domain` (To, Cc, Delivered-To, X-Original-To).
const ADDRESS_TOKEN = new RegExp(`\\+${MAILTO_UNSUBSCRIBE_WORD}-(${TOKEN})@`, 'gi');
/** Headers that say whom a message was addressed or delivered to. */
export const RECIPIENT_HEADERS = ['to', 'cc', 'delivered-to', 'x-original-to', 'envelope-to'] as const;

/**
 * The unsubscribe tokens a message sent through a list e-mail's mailto carries: in the subject (what
 * our List-Unsubscribe mailto asks for; Gmail and others send exactly that subject, often with an
 * empty body) or in a plus-address it was sent or delivered to. Only the exact token shape counts; a
 * truncated or padded token is no token. Whether a token belongs to a membership is for the caller to
 * find out: finding one here proves nothing yet.
 */
export function mailtoUnsubscribeTokens(input: { subject: string; recipientHeaders: string[] }): string[] {
  const found: string[] = [];
  for (const match of input.subject.matchAll(SUBJECT_TOKEN)) found.push(match[1]!);
  for (const value of input.recipientHeaders) for (const match of value.matchAll(ADDRESS_TOKEN)) found.push(match[1]!);
  return [...new Set(found)].slice(0, 5);
}

/**
 * RFC 2369 + RFC 8058 headers every list e-mail carries: mail clients show an unsubscribe button that
 * POSTs `List-Unsubscribe=One-Click` to the HTTPS link, with the mailto as a fallback. The mailto names
 * the support mailbox itself with the token in the subject (a plus-address would need a server that
 * delivers `+tags`, and `local+unsubscribe-<43 characters>` would pass the 64-character limit of a
 * local part for most mailbox names); the mailbox reader unsubscribes on it (mailtoUnsubscribeTokens).
 */
export function listUnsubscribeHeaders(input: { unsubscribeUrl: string; mailto: string | null; token: string }): Record<string, string> {
  const subject = encodeURIComponent(`${MAILTO_UNSUBSCRIBE_WORD} ${input.token}`);
  // Without a mailbox reader (mailto null) only the HTTPS link is offered.
  const mailto = input.mailto === null ? '' : `, <mailto:${input.mailto}?subject=${subject}>`;
  return {
    'List-Unsubscribe': `<${input.unsubscribeUrl}>${mailto}`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** The parts of a list e-mail: its own text plus the unsubscribe link at the bottom and the headers above. */
export interface ListMailInput {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Where the one-click POST and the unsubscribe page go. */
  unsubscribeUrl: string;
  /** Mailbox that receives mailto unsubscribe requests; null when none is read. */
  unsubscribeMailto: string | null;
  unsubscribeToken: string;
  /** Line under the text that introduces the unsubscribe link, in the reader's language. */
  unsubscribeLine: string;
  /** Extra headers (e.g. `Auto-Submitted` on the transactional opt-in mail). */
  headers?: Record<string, string>;
}

/** Composes any e-mail sent to a list member: every such e-mail can be left in one click. */
export function composeListMail(input: ListMailInput) {
  return {
    from: input.from,
    to: [input.to],
    subject: input.subject,
    text: `${input.text}\n\n--\n${input.unsubscribeLine}\n${input.unsubscribeUrl}\n`,
    headers: {
      ...input.headers,
      ...listUnsubscribeHeaders({ unsubscribeUrl: input.unsubscribeUrl, mailto: input.unsubscribeMailto, token: input.unsubscribeToken }),
    },
  };
}
