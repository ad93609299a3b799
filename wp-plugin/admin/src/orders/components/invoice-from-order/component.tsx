import { Button, CheckboxControl, Notice, SelectControl } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { createInvoiceFromOrder } from '../../../api/orders-api';
import type { ExemptionReason, OrderInvoiceDraft } from '../../../api/orders-types';
import { describeRequestProblem } from '../../../api/request-problem';
import {
	allDecided,
	decisionExplanation,
	decisionLabel,
	requiredDecisions,
	type OrderDecisionAnswers,
	type RequiredDecision,
} from '../../order-decisions';

interface InvoiceFromOrderProps< T > {
	orderId: number;
	/** The button's text. */
	label: string;
	disabled?: boolean;
	/** What the button asks the service for with the answers; the order's invoice draft by default. */
	create?: ( decisions: OrderDecisionAnswers ) => Promise< T >;
	/** The heading of the decisions asked for. */
	legend?: string;
	onCreated: ( result: T ) => void;
}

const EXEMPTIONS: ExemptionReason[] = [ 'E1', 'E2', 'E3', 'E4', 'E5', 'E6' ];

/**
 * The service's explanation: field-level messages (a 404 or 409 naming the field, a 422) before the general one.
 *
 * @param problem What api-fetch rejected with.
 */
function problemText( problem: unknown ): string {
	const described = describeRequestProblem( problem );
	const fields = Object.values( described.fieldErrors );
	return fields.length > 0 ? fields.join( ' ' ) : described.message;
}

function untaxedValue( decisions: OrderDecisionAnswers ): '' | '0' | ExemptionReason {
	const value = decisions.untaxed_vat;
	if ( value === undefined ) {
		return '';
	}
	return value === 0 ? '0' : value.exempt;
}

/**
 * "Create invoice" for an order: POST /orders/:id/invoice-draft; when the service answers that decisions are
 * required, each one is shown with a plain explanation and the request is sent again with the answers.
 */
export function InvoiceFromOrder< T = OrderInvoiceDraft >( {
	orderId,
	label,
	disabled = false,
	create,
	legend,
	onCreated,
}: InvoiceFromOrderProps< T > ) {
	const [ required, setRequired ] = useState< RequiredDecision[] >( [] );
	const [ decisions, setDecisions ] = useState< OrderDecisionAnswers >( {} );
	const [ busy, setBusy ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );

	const send = () => {
		setBusy( true );
		setError( null );
		const request = create
			? create( decisions )
			: ( createInvoiceFromOrder( orderId, decisions ) as Promise< unknown > as Promise< T > );
		request
			.then( ( result ) => {
				setBusy( false );
				onCreated( result );
			} )
			.catch( ( problem: unknown ) => {
				setBusy( false );
				const asked = requiredDecisions( problem );
				if ( asked ) {
					setRequired( asked );
					return;
				}
				setError( problemText( problem ) );
			} );
	};

	const ready = allDecided( required, decisions );

	return (
		<div className="cuadra-invoice-from-order">
			{ required.length > 0 && (
				<fieldset className="cuadra-order-decisions">
					<legend>{ legend ?? __( 'Decide before invoicing this order', 'cuadra' ) }</legend>
					{ required.map( ( decision ) =>
						decision.field === 'untaxed_vat' ? (
							<div key={ decision.field } className="cuadra-order-decision">
								<SelectControl
									__nextHasNoMarginBottom
									label={ decisionLabel( decision.field ) }
									value={ untaxedValue( decisions ) }
									options={ [
										{ value: '', label: __( 'Choose…', 'cuadra' ) },
										{ value: '0', label: __( '0 % IVA', 'cuadra' ) },
										...EXEMPTIONS.map( ( reason ) => ( {
											value: reason,
											label: __( 'Exempt', 'cuadra' ) + ` (${ reason })`,
										} ) ),
									] }
									onChange={ ( value: string ) => {
										const next = { ...decisions };
										if ( value === '' ) {
											delete next.untaxed_vat;
										} else {
											next.untaxed_vat = value === '0' ? 0 : { exempt: value as ExemptionReason };
										}
										setDecisions( next );
									} }
									help={ decisionExplanation( decision ) }
								/>
							</div>
						) : (
							<div key={ decision.field } className="cuadra-order-decision">
								<CheckboxControl
									__nextHasNoMarginBottom
									label={ decisionLabel( decision.field ) }
									checked={ decisions[ decision.field ] === true }
									onChange={ ( checked: boolean ) =>
										setDecisions( { ...decisions, [ decision.field ]: checked } )
									}
									help={ decisionExplanation( decision ) }
								/>
							</div>
						)
					) }
				</fieldset>
			) }
			{ error && (
				<Notice status="error" isDismissible={ false } className="cuadra-order-notice">
					{ error }
				</Notice>
			) }
			<Button
				variant="primary"
				className="cuadra-invoice-from-order__button"
				onClick={ send }
				isBusy={ busy }
				disabled={ disabled || busy || ! ready }
			>
				{ label }
			</Button>
		</div>
	);
}
