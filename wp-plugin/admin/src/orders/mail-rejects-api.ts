// Messages of a store's mailbox that were not readable "New order" e-mails, kept aside with the
// reason (GET /stores/:id/mail-rejects and /stores/:id/mail-rejects/:reject).
import apiFetch from '@wordpress/api-fetch';

const NAMESPACE = '/cuadra/v1';

export interface MailReject {
	id: number;
	uid: number;
	uid_validity: number;
	/** "not_recognised: …", "malformed: …": the parser's verdict and why. */
	reason: string;
	subject: string;
	from: string;
	message_id: string | null;
	raw_size: number;
	created_at: string;
}

export interface MailRejectDetail extends MailReject {
	/** The start of the raw message, as text. */
	raw_excerpt: string;
	raw_truncated: boolean;
}

export function listMailRejects( storeId: number ): Promise< { items: MailReject[] } > {
	return apiFetch< { items: MailReject[] } >( { path: `${ NAMESPACE }/stores/${ storeId }/mail-rejects` } );
}

/**
 * Takes the message off the store's list; the mailbox keeps the mail itself.
 *
 * @param storeId  The store.
 * @param rejectId The set-aside message.
 */
export function dismissMailReject( storeId: number, rejectId: number ): Promise< unknown > {
	return apiFetch( {
		path: `${ NAMESPACE }/stores/${ storeId }/mail-rejects/${ rejectId }`,
		method: 'DELETE',
	} );
}

export function fetchMailReject( storeId: number, rejectId: number ): Promise< MailRejectDetail > {
	return apiFetch< MailRejectDetail >( {
		path: `${ NAMESPACE }/stores/${ storeId }/mail-rejects/${ rejectId }`,
	} );
}
