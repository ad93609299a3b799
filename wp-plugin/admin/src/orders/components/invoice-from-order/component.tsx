import { Button, CheckboxControl, Notice, SelectControl } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { createInvoiceFromOrder } from '../../../api/orders-api';
import type { ExemptionReason, OrderDecisions, OrderInvoiceDraft } from '../../../api/orders-types';
import { describeRequestProblem } from '../../../api/request-problem';
import {
	allDecided,
	decisionExplanation,
	decisionLabel,
	requiredDecisions,
	type RequiredDecision,
} from '../../order-decisions';

interface InvoiceFromOrderProps {
	orderId: number;
	/** The button's text. */
	label: string;
	disabled?: boolean;
	onCreated: ( result: OrderInvoiceDraft ) => void;
}

const EXEMPTIONS: ExemptionReason[] = [ 'E1', 'E2', 'E3', 'E4', 'E5', 'E6' ];

function untaxedValue( decisions: OrderDecisions ): '' | '0' | ExemptionReason {
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
export function InvoiceFromOrder( { orderId, label, disabled = false, onCreated }: InvoiceFromOrderProps ) {
	const [ required, setRequired ] = useState< RequiredDecision[] >( [] );
	const [ decisions, setDecisions ] = useState< OrderDecisions >( {} );
	const [ busy, setBusy ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );

	const send = () => {
		setBusy( true );
		setError( null );
		createInvoiceFromOrder( orderId, decisions )
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
				setError( describeRequestProblem( problem ).message );
			} );
	};

	const ready = allDecided( required, decisions );

	return (
		<div className="cuadra-invoice-from-order">
			{ required.length > 0 && (
				<fieldset className="cuadra-order-decisions">
					<legend>{ __( 'Decide before invoicing this order', 'cuadra' ) }</legend>
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
