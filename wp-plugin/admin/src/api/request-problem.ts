import { __ } from '@wordpress/i18n';
import { translateServiceMessage } from './service-messages';

/** What went wrong with a cuadra/v1 request, ready to show. */
export interface RequestProblem {
	message: string;
	/** Messages per field, keyed by the field's JSON name (the service's `errors[].property`). */
	fieldErrors: Record< string, string >;
	code?: string;
}

interface ServiceErrorEntry {
	message?: unknown;
	code?: unknown;
	property?: unknown;
}

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

/**
 * Reads what api-fetch threw: the service's `{ errors: [...] }` passed through by the proxy,
 * a WordPress `WP_Error` (`{ code, message }`), or a network failure.
 *
 * @param error What api-fetch rejected with.
 */
export function describeRequestProblem( error: unknown ): RequestProblem {
	if ( isRecord( error ) && Array.isArray( error.errors ) ) {
		const fieldErrors: Record< string, string > = {};
		const general: string[] = [];
		let code: string | undefined;
		for ( const entry of error.errors as ServiceErrorEntry[] ) {
			const message = translateServiceMessage(
				entry.code,
				typeof entry.message === 'string' ? entry.message : ''
			);
			if ( code === undefined && typeof entry.code === 'string' ) {
				code = entry.code;
			}
			if (
				typeof entry.property === 'string' &&
				entry.property !== '' &&
				fieldErrors[ entry.property ] === undefined
			) {
				fieldErrors[ entry.property ] = message;
			} else if ( message !== '' ) {
				general.push( message );
			}
		}
		return {
			message:
				general.join( ' ' ) ||
				__( 'The Cuadra service could not complete the request.', 'cuadra' ),
			fieldErrors,
			code,
		};
	}

	if ( isRecord( error ) && typeof error.message === 'string' ) {
		const code = typeof error.code === 'string' ? error.code : undefined;
		if ( code === 'fetch_error' ) {
			return {
				message: __(
					'WordPress could not be reached. Check your internet connection and try again.',
					'cuadra'
				),
				fieldErrors: {},
				code,
			};
		}
		return { message: error.message, fieldErrors: {}, code };
	}

	return {
		message: __( 'Something went wrong. Please try again.', 'cuadra' ),
		fieldErrors: {},
	};
}
