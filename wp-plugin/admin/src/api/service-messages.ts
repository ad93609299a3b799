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
			return translateBillingMessage( code ) ?? translateRecurringMessage( code ) ?? translateTicketMessage( code ) ?? translateListMessage( code ) ?? translateOrderMessage( code ) ?? fallback;
	}
}

/**
 * Codes of the customers and invoices routes.
 *
 * @param code The service's `errors[].code`.
 */
function translateBillingMessage( code: unknown ): string | undefined {
	switch ( code ) {
		case 'DUPLICATE_TAX_ID':
			return __( 'Another customer already has this tax ID.', 'cuadra' );
		case 'UNKNOWN_CUSTOMER':
			return __( 'This customer does not exist any more. Choose another one.', 'cuadra' );
		case 'NO_LINES':
			return __( 'An invoice needs at least one line.', 'cuadra' );
		case 'MISSING_DESCRIPTION':
			return __( 'Describe what is invoiced.', 'cuadra' );
		case 'INVALID_QUANTITY':
			return __( 'Enter a quantity such as 2 or 1,5 (at most 4 decimals).', 'cuadra' );
		case 'NEGATIVE_QUANTITY':
			return __( 'Negative quantities are only allowed on rectifying invoices.', 'cuadra' );
		case 'INVALID_UNIT_PRICE':
			return __( 'Enter a price such as 9,99 (at most 6 decimals).', 'cuadra' );
		case 'NEGATIVE_UNIT_PRICE':
			return __( 'Negative prices are only allowed on rectifying invoices; use a discount instead.', 'cuadra' );
		case 'INVALID_DISCOUNT':
			return __( 'Enter a discount from 0 to 100 with at most 2 decimals.', 'cuadra' );
		case 'UNKNOWN_TAX_RATE':
			return __( 'Choose an IVA rate: 21, 10, 4 or 0 percent, or exempt.', 'cuadra' );
		case 'EXEMPT_WITHOUT_REASON':
			return __( 'An exempt line needs the reason for the exemption (E1 to E6).', 'cuadra' );
		case 'UNKNOWN_EXEMPTION_REASON':
			return __( 'Choose an exemption reason from E1 to E6.', 'cuadra' );
		case 'CURRENCY_MISMATCH':
			return __( 'This line is in a different currency from the invoice.', 'cuadra' );
		case 'UNKNOWN_CURRENCY':
		case 'INVALID_CURRENCY':
			return __( 'Choose a currency from the list.', 'cuadra' );
		case 'CURRENCY_NOT_SUPPORTED':
			return __( 'For now only invoices in euros can be issued (VERI*FACTU records are in euros).', 'cuadra' );
		case 'INVALID_IRPF_PERCENT':
		case 'INVALID_PERCENT':
			return __( 'Enter a percentage from 0 to 100 with at most 2 decimals.', 'cuadra' );
		case 'AMOUNT_TOO_LARGE':
			return __( 'The amounts of this invoice are too large.', 'cuadra' );
		case 'TOO_MANY_TAX_GROUPS':
			return __( 'An invoice can combine at most 12 different tax rates.', 'cuadra' );
		case 'MISSING_RECIPIENT_NAME':
			return __( 'A full invoice names its recipient: choose a customer with a name.', 'cuadra' );
		case 'MISSING_RECIPIENT_TAX_ID':
			return __( "A full invoice carries the recipient's tax ID: add it to the customer, or issue a simplified invoice.", 'cuadra' );
		case 'MISSING_RECIPIENT_ADDRESS':
			return __( "A full invoice carries the recipient's address: add it to the customer.", 'cuadra' );
		case 'SIMPLIFIED_OVER_LIMIT':
			return __( 'A simplified invoice can total at most 400 euros including taxes (3,000 euros in some sectors). Issue a full invoice instead.', 'cuadra' );
		case 'MISSING_RECTIFICATION_METHOD':
		case 'UNKNOWN_RECTIFICATION_METHOD':
			return __( 'Choose how the invoice is corrected: by differences or by substitution.', 'cuadra' );
		case 'MISSING_RECTIFIED_INVOICE':
			return __( 'A rectifying invoice refers to the invoice it corrects: choose that invoice.', 'cuadra' );
		case 'UNKNOWN_RECTIFIED_INVOICE':
			return __( 'Choose an issued invoice to rectify.', 'cuadra' );
		case 'RECTIFIED_KIND_MISMATCH':
			return __( 'Simplified invoices are rectified with R5, and R5 rectifies only simplified invoices.', 'cuadra' );
		case 'RECTIFICATION_NOT_ALLOWED':
			return __( 'Only rectifying invoices (R1 to R5) refer to an original invoice.', 'cuadra' );
		case 'ORIGINAL_NOT_RECTIFIABLE':
			return __( 'The original invoice was cancelled or already rectified, so it cannot be rectified again.', 'cuadra' );
		case 'UNKNOWN_SERIES':
		case 'SERIES_KIND_MISMATCH':
			return __( 'Choose a series that exists for this kind of invoice.', 'cuadra' );
		case 'UNKNOWN_INVOICE_KIND':
			return __( 'Choose the kind of invoice.', 'cuadra' );
		case 'INVALID_DATE':
		case 'INVALID_FORMAT':
			return __( 'Enter a date that exists, such as 2026-01-31.', 'cuadra' );
		case 'COMPANY_NOT_CONFIGURED':
			return __( 'Fill in your company details under Cuadra → Settings before issuing invoices.', 'cuadra' );
		case 'INVOICE_IMMUTABLE':
			return __( 'This invoice has been issued and can no longer be changed. Correct it with a rectifying invoice.', 'cuadra' );
		case 'INVALID_TRANSITION':
		case 'INVALID_STATUS_TRANSITION':
			return __( 'The status of this invoice does not allow that any more. Reload the page to see its current status.', 'cuadra' );
		case 'NOT_FOUND':
			return __( 'It does not exist any more: someone may have deleted it.', 'cuadra' );
		case 'INVALID_SERIES_CODE':
			return __( 'Use 1 to 20 letters, digits, "-" or "_".', 'cuadra' );
		case 'INVALID_SERIES_PREFIX':
			return __( 'Use letters without accents, digits and signs; only {YYYY} and {YY} may go between braces.', 'cuadra' );
		case 'YEARLY_RESET_WITHOUT_YEAR':
			return __( 'A series that restarts every year needs {YYYY} or {YY} in its prefix, or its numbers would repeat.', 'cuadra' );
		case 'INVALID_SERIES_PADDING':
			return __( 'Use from 1 to 12 digits.', 'cuadra' );
		case 'INVOICE_NUMBER_TOO_LONG':
			return __( 'Prefix and number must fit in 60 characters.', 'cuadra' );
		case 'DUPLICATE_SERIES':
			return __( 'There is already a series with this code.', 'cuadra' );
		default:
			return undefined;
	}
}

/**
 * Codes of the recurring templates routes.
 *
 * @param code The service's `errors[].code`.
 */
function translateRecurringMessage( code: unknown ): string | undefined {
	switch ( code ) {
		case 'NO_RECURRING_LINE':
			return __( 'At least one line must repeat on every invoice (not only on the first).', 'cuadra' );
		case 'DISCOUNTS_DO_NOT_COMBINE':
			return __( 'This line discount and the template discount together need more than 2 decimals; adjust one of them.', 'cuadra' );
		case 'END_BEFORE_START':
			return __( 'The end date is before the first issue date.', 'cuadra' );
		case 'END_TWICE':
			return __( 'Give an end date or a number of invoices, not both.', 'cuadra' );
		case 'SCHEDULE_LOCKED':
			return __( 'The schedule cannot change once invoices were issued. End this recurring invoice and create a new one.', 'cuadra' );
		case 'CYCLES_BELOW_ISSUED':
			return __( 'More invoices than this were already issued.', 'cuadra' );
		case 'TEMPLATE_ENDED':
			return __( 'This recurring invoice has ended and can no longer be changed. Create a new one instead.', 'cuadra' );
		case 'TEMPLATE_STATUS_CONFLICT':
			return __( 'The status of this recurring invoice does not allow that any more. Reload the page to see its current status.', 'cuadra' );
		case 'TOO_SMALL':
			return __( 'This number is too small.', 'cuadra' );
		case 'TOO_BIG':
			return __( 'This number is too large.', 'cuadra' );
		case 'INVALID_TYPE':
		case 'INVALID_VALUE':
			return __( 'This value is not valid here.', 'cuadra' );
		default:
			return undefined;
	}
}

/**
 * Codes of the departments and tickets routes.
 *
 * @param code The service's `errors[].code`.
 */
function translateTicketMessage( code: unknown ): string | undefined {
	switch ( code ) {
		case 'INVALID_COLOUR':
			return __( 'Use a colour such as #2271b1.', 'cuadra' );
		case 'DEFAULT_REQUIRED':
			return __( 'There must always be a default department: make another department the default instead.', 'cuadra' );
		case 'INVALID_TIME':
			return __( 'Use 24-hour times such as 09:00 and 18:00.', 'cuadra' );
		case 'EMPTY_INTERVAL':
			return __( 'The closing time must be after the opening time.', 'cuadra' );
		case 'OVERLAPPING_INTERVALS':
			return __( 'The hours of one day must not overlap.', 'cuadra' );
		case 'UNKNOWN_DEPARTMENT':
			return __( 'This department does not exist any more. Choose another one.', 'cuadra' );
		case 'INVALID_FILE_NAME':
			return __( 'A file name cannot contain folders.', 'cuadra' );
		case 'INVALID_MEDIA_TYPE':
			return __( 'The type of this file was not recognised.', 'cuadra' );
		case 'INVALID_BASE64':
			return __( 'This file could not be read. Choose it again.', 'cuadra' );
		case 'TOO_MANY':
			return __( 'There are too many of these.', 'cuadra' );
		case 'INVALID_RANGE':
			return __( 'The end of the period must be after its start.', 'cuadra' );
		case 'RANGE_TOO_LONG':
			return __( 'Choose a period of at most three years.', 'cuadra' );
		default:
			return undefined;
	}
}

/**
 * Codes of the lists routes.
 *
 * @param code The service's `errors[].code`.
 */
function translateListMessage( code: unknown ): string | undefined {
	switch ( code ) {
		case 'CONTACT_UNSUBSCRIBED':
			return __(
				'This contact unsubscribed from this list, and an unsubscription is final: nobody can add them back, not even with their consent. Nothing was changed.',
				'cuadra'
			);
		default:
			return undefined;
	}
}

/**
 * Codes of the stores and orders routes.
 *
 * @param code The service's `errors[].code`.
 */
function translateOrderMessage( code: unknown ): string | undefined {
	switch ( code ) {
		case 'URL_WITHOUT_SCHEME':
			return __( 'Write the store URL with https:// (or http://) at the start.', 'cuadra' );
		case 'NO_KEYS':
			return __( 'Enter the consumer key and secret of a WooCommerce REST API key first.', 'cuadra' );
		case 'ORDER_NOT_FOUND':
			return __( 'The store has no order with this number.', 'cuadra' );
		case 'ORDER_ALREADY_INVOICED':
			return __( 'This order has already been invoiced.', 'cuadra' );
		case 'ORDER_IGNORED':
			return __( 'This order is marked as ignored. Unignore it first to invoice it.', 'cuadra' );
		case 'ORDER_PROVISIONAL':
			return __( 'This order is known only from an e-mail or a webhook and the store has not confirmed it yet. Sync the store and try again.', 'cuadra' );
		case 'ORDER_NOT_INVOICED':
			return __( 'This order has not been invoiced yet.', 'cuadra' );
		case 'INVOICE_NOT_ISSUED':
			return __( 'Issue the invoice of this order first.', 'cuadra' );
		case 'REFUND_NOT_FOUND':
			return __( 'The store no longer lists this refund. Sync the store and try again.', 'cuadra' );
		case 'REFUND_ALREADY_RECTIFIED':
			return __( 'This refund already has a rectifying invoice.', 'cuadra' );
		case 'UNSUPPORTED_TAX_RATE':
			return __( 'The order uses a tax rate Cuadra cannot invoice (IVA is 21, 10, 4 or 0 percent).', 'cuadra' );
		case 'DECISION_REQUIRED':
			return __( 'This order needs a decision before it is invoiced.', 'cuadra' );
		default:
			return undefined;
	}
}
