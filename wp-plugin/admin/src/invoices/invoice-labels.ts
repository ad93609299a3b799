// Names of statuses, kinds, IVA treatments and rectification methods, in the user's language.
import { __ } from '@wordpress/i18n';

import type {
	InvoiceKind,
	InvoiceStatus,
	LineVat,
	RectificationMethod,
} from '../api/billing-types';
import { userLocale } from '../shared/locale';

export const INVOICE_STATUSES: InvoiceStatus[] = [
	'draft',
	'issued',
	'paid',
	'rectified',
	'cancelled',
];

export function statusLabel( status: InvoiceStatus ): string {
	switch ( status ) {
		case 'draft':
			return __( 'Draft', 'cuadra' );
		case 'issued':
			return __( 'Issued', 'cuadra' );
		case 'paid':
			return __( 'Paid', 'cuadra' );
		case 'rectified':
			return __( 'Rectified', 'cuadra' );
		case 'cancelled':
			return __( 'Cancelled', 'cuadra' );
	}
	return status;
}

export const INVOICE_KINDS: InvoiceKind[] = [ 'F1', 'F2', 'R1', 'R2', 'R3', 'R4', 'R5' ];

/**
 * The VERI*FACTU invoice type, explained (RD 1619/2012 and art. 80 of the IVA law for R1–R4).
 *
 * @param kind F1, F2 or R1–R5.
 */
export function kindLabel( kind: InvoiceKind ): string {
	switch ( kind ) {
		case 'F1':
			return __( 'Full invoice (F1)', 'cuadra' );
		case 'F2':
			return __( 'Simplified invoice (F2)', 'cuadra' );
		case 'R1':
			return __( 'Rectifying: legal error or art. 80.1, 80.2, 80.6 LIVA (R1)', 'cuadra' );
		case 'R2':
			return __( 'Rectifying: customer insolvency, art. 80.3 LIVA (R2)', 'cuadra' );
		case 'R3':
			return __( 'Rectifying: bad debt, art. 80.4 LIVA (R3)', 'cuadra' );
		case 'R4':
			return __( 'Rectifying: other causes (R4)', 'cuadra' );
		case 'R5':
			return __( 'Rectifying a simplified invoice (R5)', 'cuadra' );
	}
	return kind;
}

/**
 * A short name for lists: "Invoice", "Simplified", "Rectifying".
 * @param kind
 */
export function kindShortLabel( kind: InvoiceKind ): string {
	if ( kind === 'F2' ) {
		return __( 'Simplified', 'cuadra' );
	}
	return kind.startsWith( 'R' )
		? __( 'Rectifying', 'cuadra' )
		: __( 'Invoice', 'cuadra' );
}

export function isRectifyingKind( kind: InvoiceKind ): boolean {
	return kind.startsWith( 'R' );
}

export function methodLabel( method: RectificationMethod ): string {
	return method === 'differences'
		? __( 'By differences', 'cuadra' )
		: __( 'By substitution', 'cuadra' );
}

export const VAT_RATES = [ 21, 10, 4, 0 ] as const;

export const EXEMPTION_REASONS = [ 'E1', 'E2', 'E3', 'E4', 'E5', 'E6' ] as const;

/**
 * A percentage as the user's language writes it: "21 %" in Spanish, "21%" in English.
 *
 * @param percent Number in percent, e.g. 21 or "5.2".
 */
export function formatPercent( percent: number | string ): string {
	const value = Number( percent );
	if ( ! Number.isFinite( value ) ) {
		return String( percent );
	}
	try {
		return new Intl.NumberFormat( userLocale(), {
			style: 'percent',
			maximumFractionDigits: 2,
		} ).format( value / 100 );
	} catch {
		return `${ value }%`;
	}
}

/**
 * The article of the IVA law (Ley 37/1992) behind each VERI*FACTU exemption cause.
 *
 * @param reason E1–E6.
 */
export function exemptionLabel( reason: string ): string {
	switch ( reason ) {
		case 'E1':
			return __( 'E1: art. 20 LIVA', 'cuadra' );
		case 'E2':
			return __( 'E2: art. 21 LIVA (exports)', 'cuadra' );
		case 'E3':
			return __( 'E3: art. 22 LIVA', 'cuadra' );
		case 'E4':
			return __( 'E4: arts. 23 and 24 LIVA', 'cuadra' );
		case 'E5':
			return __( 'E5: art. 25 LIVA (EU deliveries)', 'cuadra' );
		case 'E6':
			return __( 'E6: other reasons', 'cuadra' );
	}
	return reason;
}

/**
 * "21 %" or "Exempt (E1)".
 *
 * @param vat A line's IVA.
 */
export function vatLabel( vat: LineVat ): string {
	if ( typeof vat === 'number' ) {
		return formatPercent( vat );
	}
	return `${ __( 'Exempt', 'cuadra' ) } (${ vat.exempt })`;
}
