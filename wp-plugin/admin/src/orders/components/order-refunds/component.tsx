import { Notice, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { OrderDetail } from '../../../api/orders-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { formatDateTime } from '../../../shared/dates';
import { formatMoney } from '../../../shared/money';
import { createRefundDraft, fetchOrderRefunds, type OrderRefund, type RefundDrafts } from '../../refunds-api';
import { InvoiceFromOrder } from '../invoice-from-order';

interface OrderRefundsProps {
	detail: OrderDetail;
	/** The invoice editor's address for an invoice id. */
	invoiceLink: ( id: number ) => string;
}

/**
 * The refunds of an invoiced order: date, amount and reason; each one not rectified yet gets
 * "Create rectifying invoice" (a draft by differences, opened in the invoice editor), each rectified
 * one the link to its rectifying invoice.
 */
export function OrderRefunds( { detail, invoiceLink }: OrderRefundsProps ) {
	const [ refunds, setRefunds ] = useState< OrderRefund[] | null >( null );
	const [ notice, setNotice ] = useState< string | null >( null );
	const [ error, setError ] = useState< string | null >( null );

	const rectifiable = detail.invoice_id !== null && detail.refunds.length > 0;

	useEffect( () => {
		if ( ! rectifiable ) {
			return;
		}
		let current = true;
		setRefunds( null );
		setError( null );
		setNotice( null );
		fetchOrderRefunds( detail.id )
			.then( ( loaded ) => {
				if ( current ) {
					setRefunds( loaded.items );
					setNotice( loaded.problem?.message ?? null );
				}
			} )
			.catch( ( problem: unknown ) => {
				if ( current ) {
					// The refunds as last synced still tell what needs rectifying.
					setRefunds( detail.refunds.map( ( refund ) => ( { ...refund, created_at: null } ) ) );
					setError( describeRequestProblem( problem ).message );
				}
			} );
		return () => {
			current = false;
		};
	}, [ detail.id, detail.refunds, rectifiable ] );

	if ( ! rectifiable ) {
		return null;
	}

	const money = ( amount: number ) => formatMoney( amount, detail.currency );
	const opened = ( result: RefundDrafts ) => {
		const made = result.created[ 0 ];
		if ( made ) {
			window.location.assign( invoiceLink( made.invoice_id ) );
		}
	};

	return (
		<section className="cuadra-panel cuadra-order-refunds cuadra-no-print">
			<h2>{ __( 'Refunds', 'cuadra' ) }</h2>
			<p className="cuadra-muted">
				{ __(
					'An issued invoice is not changed: each refund is corrected with a rectifying invoice for the refunded amount.',
					'cuadra'
				) }
			</p>
			{ notice && (
				<Notice status="warning" isDismissible={ false } className="cuadra-order-notice">
					{ notice }
				</Notice>
			) }
			{ error && (
				<Notice status="error" isDismissible={ false } className="cuadra-order-notice">
					{ error }
				</Notice>
			) }
			{ refunds === null ? (
				<Spinner />
			) : (
				<table className="widefat striped cuadra-order-refunds__table">
					<thead>
						<tr>
							<th scope="col">{ __( 'Date', 'cuadra' ) }</th>
							<th scope="col" className="cuadra-amount">
								{ __( 'Amount', 'cuadra' ) }
							</th>
							<th scope="col">{ __( 'Reason', 'cuadra' ) }</th>
							<th scope="col">{ __( 'Rectifying invoice', 'cuadra' ) }</th>
						</tr>
					</thead>
					<tbody>
						{ refunds.map( ( refund ) => (
							<tr key={ refund.id } className="cuadra-order-refund" data-refund-id={ refund.id }>
								<td>{ refund.created_at ? formatDateTime( refund.created_at ) : '—' }</td>
								<td className="cuadra-amount">{ money( -refund.amount ) }</td>
								<td>{ refund.reason || <span className="cuadra-muted">{ __( 'No reason given', 'cuadra' ) }</span> }</td>
								<td>
									{ refund.invoice_id !== null ? (
										<a href={ invoiceLink( refund.invoice_id ) }>
											{ sprintf(
												/* translators: %d: invoice id */
												__( 'Rectifying invoice #%d', 'cuadra' ),
												refund.invoice_id
											) }
										</a>
									) : (
										<InvoiceFromOrder< RefundDrafts >
											orderId={ detail.id }
											label={ __( 'Create rectifying invoice', 'cuadra' ) }
											legend={ __( 'Decide before rectifying the invoice', 'cuadra' ) }
											create={ ( decisions ) => createRefundDraft( detail.id, refund.id, decisions ) }
											onCreated={ opened }
										/>
									) }
								</td>
							</tr>
						) ) }
					</tbody>
				</table>
			) }
		</section>
	);
}
