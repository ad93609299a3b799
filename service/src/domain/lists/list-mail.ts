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

/**
 * RFC 2369 + RFC 8058 headers every list e-mail carries: mail clients show an unsubscribe button that
 * POSTs `List-Unsubscribe=One-Click` to the HTTPS link, with the mailto as a fallback.
 */
export function listUnsubscribeHeaders(input: { unsubscribeUrl: string; mailto: string; token: string }): Record<string, string> {
  const subject = encodeURIComponent(`unsubscribe ${input.token}`);
  return {
    'List-Unsubscribe': `<${input.unsubscribeUrl}>, <mailto:${input.mailto}?subject=${subject}>`,
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
  /** Mailbox that receives mailto unsubscribe requests. */
  unsubscribeMailto: string;
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
