import { __ } from '@wordpress/i18n';

/**
 * The service answers in English with stable codes; the codes people can meet on a form are
 * translated here so a Spanish site shows Spanish messages. Unknown codes keep the service's text.
 *
 * @param code     The service's `errors[].code`.
 * @param fallback The service's English message.
 */
export function translateServiceMessage( code: unknown, fallback: string ): string {
	switch ( code ) {
		case 'REQUIRED':
			return __( 'This field is required.', 'cuadra' );
		case 'TOO_LONG':
			return __( 'This is too long.', 'cuadra' );
		case 'CONTROL_CHARACTERS':
			return __( 'Must be a single line without control characters.', 'cuadra' );
		case 'INVALID_EMAIL':
			return __( 'Enter a valid e-mail address.', 'cuadra' );
		case 'INVALID_TAX_ID':
			return __( 'This tax ID is not valid: check its letters, digits and check character.', 'cuadra' );
		case 'INVALID_POSTAL_CODE':
			return __( 'A Spanish postal code has five digits, such as 28013.', 'cuadra' );
		case 'INVALID_COUNTRY':
			return __( 'Choose a country from the list.', 'cuadra' );
		case 'INVALID_CURRENCY':
			return __( 'Choose a currency from the list.', 'cuadra' );
		case 'INVALID_TIMEZONE':
			return __( 'Choose a time zone such as Europe/Madrid.', 'cuadra' );
		case 'INVALID_PHONE':
			return __( 'Use digits, spaces and + ( ) . - only.', 'cuadra' );
		case 'INVALID_LOGO':
			return __( 'The logo must be a PNG, JPEG or SVG image.', 'cuadra' );
		case 'LOGO_TOO_LARGE':
			return __( 'The logo must be at most 256 KB.', 'cuadra' );
		case 'MISSING_CAPABILITY':
			return __( 'You are not allowed to do this.', 'cuadra' );
		case 'DATABASE_UNAVAILABLE':
			return __( 'The Cuadra database cannot be reached right now. Nothing was changed; try again in a moment.', 'cuadra' );
		default:
			return fallback;
	}
}
