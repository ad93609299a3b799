// The 409 DECISION_REQUIRED answer of POST /orders/:id/invoice-draft lists one error per decision the
// user must take (property `decisions.<field>`); each becomes a checkbox (or a choice) with a plain explanation.
import { __ } from '@wordpress/i18n';

import type { OrderDecisions } from '../api/orders-types';

/** The answers the service reads; a refund's rectifying draft may also ask to accept an estimated split. */
export type OrderDecisionAnswers = OrderDecisions & { accept_refund_split?: boolean };

export type DecisionField = Exclude< keyof OrderDecisionAnswers, 'kind' >;

export interface RequiredDecision {
	field: DecisionField;
	/** The service's code (OTHER_CURRENCY, ORDER_NOT_PAID…), from "CODE: message". */
	code: string;
	/** The service's English explanation, shown when the code is unknown. */
	detail: string;
}

const FIELDS: DecisionField[] = [
	'accept_other_currency',
	'accept_fully_refunded',
	'accept_unpaid',
	'accept_no_tax_id',
	'accept_invalid_tax_id',
	'accept_refund_split',
	'untaxed_vat',
];

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

/**
 * The decisions a 409 asks for, or null when the error is something else.
 *
 * @param error What api-fetch rejected with.
 */
export function requiredDecisions( error: unknown ): RequiredDecision[] | null {
	if ( ! isRecord( error ) || ! Array.isArray( error.errors ) ) {
		return null;
	}
	const found: RequiredDecision[] = [];
	for ( const entry of error.errors as unknown[] ) {
		if ( ! isRecord( entry ) || entry.code !== 'DECISION_REQUIRED' || typeof entry.property !== 'string' ) {
			continue;
		}
		const field = entry.property.replace( /^decisions\./, '' ) as DecisionField;
		if ( ! FIELDS.includes( field ) || found.some( ( decision ) => decision.field === field ) ) {
			continue;
		}
		const message = typeof entry.message === 'string' ? entry.message : '';
		const match = /^([A-Z_]+):\s*(.*)$/s.exec( message );
		found.push( { field, code: match?.[ 1 ] ?? '', detail: match?.[ 2 ] ?? message } );
	}
	return found.length > 0 ? found : null;
}

/**
 * The checkbox's label: what the user agrees to.
 *
 * @param field The decision.
 */
export function decisionLabel( field: DecisionField ): string {
	switch ( field ) {
		case 'accept_other_currency':
			return __( 'Invoice it in the order\'s currency', 'cuadra' );
		case 'accept_fully_refunded':
			return __( 'Invoice it although it was fully refunded', 'cuadra' );
		case 'accept_unpaid':
			return __( 'Invoice it although it is not paid yet', 'cuadra' );
		case 'accept_no_tax_id':
			return __( 'Invoice it without the customer\'s tax ID', 'cuadra' );
		case 'accept_invalid_tax_id':
			return __( 'Invoice it with this tax ID anyway', 'cuadra' );
		case 'accept_refund_split':
			return __( 'Split the refund over the tax rates as estimated', 'cuadra' );
		case 'untaxed_vat':
			return __( 'IVA of the lines without tax', 'cuadra' );
	}
	return field;
}

/**
 * Why the decision is needed, in plain words.
 *
 * @param decision The decision the service asked for.
 */
export function decisionExplanation( decision: RequiredDecision ): string {
	switch ( decision.field ) {
		case 'accept_other_currency':
			return __( 'The order is not in your company\'s currency. The invoice would be in the order\'s currency.', 'cuadra' );
		case 'accept_fully_refunded':
			return __( 'Everything in this order was refunded. Usually it is not invoiced; if you invoice it, rectify the invoice afterwards.', 'cuadra' );
		case 'accept_unpaid':
			return __( 'The order has not been paid (pending payment, on hold or failed). Invoice it only if you are sure it will be paid.', 'cuadra' );
		case 'accept_no_tax_id':
			return __( 'The order carries no NIF. Without one, a full invoice lacks the recipient\'s tax ID: ask the customer for it, or issue a simplified invoice (up to 400 €).', 'cuadra' );
		case 'accept_invalid_tax_id':
			return `${ __( 'The tax ID in the order does not look valid.', 'cuadra' ) } ${ decision.detail }`;
		case 'accept_refund_split':
			return __( 'The store did not say which lines were refunded, so the amount was split over the tax rates in proportion to the order. Check the rectifying draft before issuing it.', 'cuadra' );
		case 'untaxed_vat':
			return __( 'The store charged no tax on some lines. Confirm 0 % IVA, or choose why they are exempt (for example E2 for exports, E5 for deliveries to other EU countries).', 'cuadra' );
	}
	return decision.detail;
}

/**
 * Whether every required decision has an answer.
 *
 * @param required  The decisions asked for.
 * @param decisions The answers so far.
 */
export function allDecided( required: RequiredDecision[], decisions: OrderDecisionAnswers ): boolean {
	return required.every( ( decision ) =>
		decision.field === 'untaxed_vat'
			? decisions.untaxed_vat !== undefined
			: decisions[ decision.field ] === true
	);
}
