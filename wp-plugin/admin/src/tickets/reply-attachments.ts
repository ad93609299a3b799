// Files attached to a reply travel as base64 inside the JSON request, within the service's limits
// (10 files, 10 MB in all) and within what this WordPress accepts in one request (post_max_size).
import { __, sprintf } from '@wordpress/i18n';

import type { ReplyAttachment } from '../api/tickets-types';
import { formatFileSize } from './durations';

export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Room for the reply's text and the JSON around the files. */
const REQUEST_OVERHEAD_BYTES = 256 * 1024;

/**
 * Why these files cannot be sent, or null when they can.
 *
 * @param files           The chosen files.
 * @param maxRequestBytes What PHP accepts in one request (0 when unknown).
 */
export function attachmentProblem( files: File[], maxRequestBytes: number ): string | null {
	if ( files.length > MAX_ATTACHMENTS ) {
		return sprintf(
			/* translators: 1: most files allowed, 2: files chosen */
			__( 'A reply can carry at most %1$d files; %2$d are chosen. Remove some.', 'cuadra' ),
			MAX_ATTACHMENTS,
			files.length
		);
	}
	const total = files.reduce( ( sum, file ) => sum + file.size, 0 );
	if ( total > MAX_ATTACHMENT_BYTES ) {
		return sprintf(
			/* translators: 1: most bytes allowed (e.g. "10 MB"), 2: size of the chosen files */
			__( 'The attachments of a reply may add up to %1$s; these add up to %2$s. Remove some, or send them in several replies.', 'cuadra' ),
			formatFileSize( MAX_ATTACHMENT_BYTES ),
			formatFileSize( total )
		);
	}
	const encoded = Math.ceil( total / 3 ) * 4;
	if ( maxRequestBytes > 0 && encoded + REQUEST_OVERHEAD_BYTES > maxRequestBytes ) {
		return sprintf(
			/* translators: 1: size of the chosen files, 2: largest request this WordPress accepts */
			__( 'These attachments (%1$s) are more than this WordPress accepts in one request (%2$s, PHP\'s post_max_size). Send smaller files, or ask your host to raise post_max_size.', 'cuadra' ),
			formatFileSize( total ),
			formatFileSize( Math.floor( ( ( maxRequestBytes - REQUEST_OVERHEAD_BYTES ) * 3 ) / 4 ) )
		);
	}
	return null;
}

/**
 * A file as the service takes it.
 *
 * @param file A chosen file.
 */
export function readAttachment( file: File ): Promise< ReplyAttachment > {
	return new Promise( ( resolve, reject ) => {
		const reader = new FileReader();
		reader.onerror = () => reject( reader.error ?? new Error( 'read failed' ) );
		reader.onload = () => {
			const url = String( reader.result ?? '' );
			resolve( {
				name: file.name.replace( /[\\/]/g, '_' ),
				type: /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i.test( file.type ) ? file.type : 'application/octet-stream',
				content_base64: url.slice( url.indexOf( ',' ) + 1 ),
			} );
		};
		reader.readAsDataURL( file );
	} );
}
