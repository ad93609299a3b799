// What a thread shows of a message: always text. Inbound HTML is never inserted into the page.

import type { TicketMessage } from '../api/tickets-types';

/**
 * The text of an HTML e-mail. DOMParser builds an inert document: its scripts never run and its
 * images (tracking pixels included) are never fetched; only the text content is kept.
 *
 * @param html HTML as received.
 */
export function htmlToText( html: string ): string {
	const doc = new DOMParser().parseFromString( html, 'text/html' );
	doc.querySelectorAll( 'script, style, head, template, noscript' ).forEach( ( node ) => node.remove() );
	doc.querySelectorAll( 'br' ).forEach( ( node ) => node.replaceWith( '\n' ) );
	doc.querySelectorAll( 'p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote' ).forEach( ( node ) =>
		node.append( '\n' )
	);
	return ( doc.body?.textContent ?? '' ).replace( /\n{3,}/g, '\n\n' ).trim();
}

/**
 * The message as plain text: its text part, or the text of its HTML part when it had none.
 *
 * @param message A message of the thread.
 */
export function messageText( message: TicketMessage ): string {
	if ( message.body_text.trim() !== '' || ! message.body_html ) {
		return message.body_text;
	}
	return htmlToText( message.body_html );
}
