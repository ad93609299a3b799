import {
	Button,
	Card,
	CardBody,
	CardFooter,
	CardHeader,
	Notice,
} from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { fetchInvoice, runInvoiceAction, type InvoiceAction } from '../../../api/billing-api';
import type { Invoice } from '../../../api/billing-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { navigate } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { formatDate, formatDateTime } from '../../../shared/dates';
import { takeFlash, type FlashNotice } from '../../../shared/flash';
import { formatDecimalInput, formatUnitPrice, formatMoney } from '../../../shared/money';
import { formatPercent, kindLabel, methodLabel, vatLabel } from '../../invoice-labels';
import { InvoiceDelivery } from '../invoice-delivery';
import { InvoiceTotals } from '../invoice-totals';
import { Party } from '../party-card';
import { StatusBadge } from '../status-badge';
import { TaxSummaryTable } from '../tax-summary-table';

interface InvoiceDetailProps {
	invoice: Invoice;
	onChange: ( invoice: Invoice ) => void;
}

/** An issued invoice as it stands: parties, lines, breakdown, totals, VERI*FACTU, and what can still happen to it. */
export function InvoiceDetail( { invoice, onChange }: InvoiceDetailProps ) {
	const [ notice, setNotice ] = useState< FlashNotice | null >( takeFlash );
	const [ busy, setBusy ] = useState< InvoiceAction | null >( null );
	const [ confirmCancel, setConfirmCancel ] = useState( false );
	const [ originalNumber, setOriginalNumber ] = useState< string | null >( null );

	const rectifiedId = invoice.rectification?.invoice_id;
	useEffect( () => {
		if ( rectifiedId === undefined ) {
			return;
		}
		fetchInvoice( rectifiedId )
			.then( ( original ) => setOriginalNumber( original.number ) )
			.catch( () => undefined );
	}, [ rectifiedId ] );

	const run = ( action: InvoiceAction, done: string ) => {
		setBusy( action );
		setNotice( null );
		runInvoiceAction( invoice.id, action )
			.then( ( changed ) => {
				onChange( changed );
				setNotice( { status: 'success', message: done } );
			} )
			.catch( ( error: unknown ) =>
				setNotice( { status: 'error', message: describeRequestProblem( error ).message } )
			)
			.finally( () => {
				setBusy( null );
				setConfirmCancel( false );
			} );
	};

	const money = ( amount: number ) => formatMoney( amount, invoice.currency );
	const canPay = invoice.status === 'issued';
	const canCancel = invoice.status === 'issued';
	const canRectify = invoice.status === 'issued' || invoice.status === 'paid';
	const number = invoice.number ?? `#${ invoice.id }`;

	const dates: Array< [ string, string ] > = [
		[ __( 'Issue date', 'cuadra' ), formatDate( invoice.issue_date ) ],
		[ __( 'Operation date', 'cuadra' ), formatDate( invoice.operation_date ) ],
		[ __( 'Due date', 'cuadra' ), formatDate( invoice.due_date ) ],
		[ __( 'Paid', 'cuadra' ), formatDateTime( invoice.paid_at ) ],
		[ __( 'Cancelled', 'cuadra' ), formatDateTime( invoice.cancelled_at ) ],
	];

	return (
		<div className="cuadra-invoice-detail">
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">
					{ sprintf(
						/* translators: %s: invoice number, e.g. F2026-0001 */
						__( 'Invoice %s', 'cuadra' ),
						number
					) }
				</h1>
				<StatusBadge status={ invoice.status } />
			</div>
			<p className="cuadra-back-link">
				<AdminLink to={ {} }>{ __( '← Back to invoices', 'cuadra' ) }</AdminLink>
			</p>
			<hr className="wp-header-end" />
			{ notice && (
				<Notice status={ notice.status } className="cuadra-detail-notice" onRemove={ () => setNotice( null ) }>
					{ notice.message }
				</Notice>
			) }

			<div className="cuadra-columns">
				<div className="cuadra-columns__main">
					<Card className="cuadra-panel">
						<CardHeader>
							<h2 className="cuadra-panel__title">{ kindLabel( invoice.kind ) }</h2>
						</CardHeader>
						<CardBody>
							<div className="cuadra-parties">
								<Party title={ __( 'Issued by', 'cuadra' ) } party={ invoice.issuer } empty="—" />
								<Party
									title={ __( 'Issued to', 'cuadra' ) }
									party={ invoice.recipient }
									empty={ __( 'No recipient (simplified invoice).', 'cuadra' ) }
								/>
							</div>
							{ invoice.rectification && (
								<p className="cuadra-rectification-note">
									{ __( 'Rectifies', 'cuadra' ) }{ ' ' }
									<AdminLink to={ { invoice: invoice.rectification.invoice_id } }>
										{ originalNumber ?? `#${ invoice.rectification.invoice_id }` }
									</AdminLink>
									{ ' · ' }
									{ methodLabel( invoice.rectification.method ) }
									{ ' · ' }
									{ invoice.rectification.reason }
								</p>
							) }
						</CardBody>
					</Card>

					<Card className="cuadra-panel">
						<CardHeader>
							<h2 className="cuadra-panel__title">{ __( 'Lines', 'cuadra' ) }</h2>
						</CardHeader>
						<CardBody className="cuadra-panel__table">
							<table className="widefat striped cuadra-detail-lines">
								<thead>
									<tr>
										<th scope="col">{ __( 'Description', 'cuadra' ) }</th>
										<th scope="col" className="cuadra-amount">{ __( 'Quantity', 'cuadra' ) }</th>
										<th scope="col" className="cuadra-amount">{ __( 'Unit price', 'cuadra' ) }</th>
										<th scope="col" className="cuadra-amount">{ __( 'Discount', 'cuadra' ) }</th>
										<th scope="col">{ __( 'IVA', 'cuadra' ) }</th>
										<th scope="col" className="cuadra-amount">{ __( 'Amount', 'cuadra' ) }</th>
									</tr>
								</thead>
								<tbody>
									{ invoice.lines.map( ( line ) => (
										<tr key={ line.position }>
											<td>{ line.description }</td>
											<td className="cuadra-amount">{ formatDecimalInput( line.quantity ) }</td>
											<td className="cuadra-amount">{ formatUnitPrice( line.unit_price, invoice.currency ) }</td>
											<td className="cuadra-amount">
												{ Number( line.discount_percent ) ? formatPercent( line.discount_percent ) : '—' }
											</td>
											<td>
												{ vatLabel( line.vat ) }
												{ line.recargo && (
													<span className="cuadra-muted"> + { __( 'surcharge', 'cuadra' ) }</span>
												) }
											</td>
											<td className="cuadra-amount">{ money( line.base ) }</td>
										</tr>
									) ) }
								</tbody>
							</table>
						</CardBody>
					</Card>

					<Card className="cuadra-panel">
						<CardHeader>
							<h2 className="cuadra-panel__title">{ __( 'Breakdown by rate', 'cuadra' ) }</h2>
						</CardHeader>
						<CardBody className="cuadra-panel__table">
							<TaxSummaryTable rows={ invoice.tax_summary } currency={ invoice.currency } />
						</CardBody>
					</Card>

					{ ( invoice.payment_method || invoice.notes ) && (
						<Card className="cuadra-panel">
							<CardHeader>
								<h2 className="cuadra-panel__title">{ __( 'Payment and notes', 'cuadra' ) }</h2>
							</CardHeader>
							<CardBody>
								{ invoice.payment_method && (
									<p>
										<strong>{ __( 'Payment method', 'cuadra' ) }:</strong> { invoice.payment_method }
									</p>
								) }
								{ invoice.notes && <p className="cuadra-notes">{ invoice.notes }</p> }
							</CardBody>
						</Card>
					) }
				</div>

				<div className="cuadra-columns__side">
					<Card className="cuadra-panel">
						<CardHeader>
							<h2 className="cuadra-panel__title">{ __( 'Status', 'cuadra' ) }</h2>
						</CardHeader>
						<CardBody>
							<dl className="cuadra-facts">
								{ dates
									.filter( ( [ , value ] ) => value !== '' )
									.map( ( [ label, value ] ) => (
										<div key={ label } className="cuadra-facts__row">
											<dt>{ label }</dt>
											<dd>{ value }</dd>
										</div>
									) ) }
							</dl>
						</CardBody>
						{ ( canPay || canRectify || canCancel ) && (
							<CardFooter className="cuadra-detail-actions">
								{ canPay && (
									<Button
										variant="primary"
										onClick={ () => run( 'mark-paid', __( 'Invoice marked as paid.', 'cuadra' ) ) }
										isBusy={ busy === 'mark-paid' }
										disabled={ busy !== null }
									>
										{ __( 'Mark as paid', 'cuadra' ) }
									</Button>
								) }
								{ canRectify && (
									<Button
										variant="secondary"
										onClick={ () => navigate( { action: 'new', rectify: invoice.id } ) }
										disabled={ busy !== null }
									>
										{ __( 'Rectify', 'cuadra' ) }
									</Button>
								) }
								{ canCancel && (
									<Button
										variant="link"
										isDestructive
										onClick={ () => setConfirmCancel( true ) }
										disabled={ busy !== null }
									>
										{ __( 'Cancel invoice', 'cuadra' ) }
									</Button>
								) }
							</CardFooter>
						) }
					</Card>

					<Card className="cuadra-panel">
						<CardHeader>
							<h2 className="cuadra-panel__title">{ __( 'Totals', 'cuadra' ) }</h2>
						</CardHeader>
						<CardBody>
							<InvoiceTotals totals={ invoice.totals } currency={ invoice.currency } irpfPercent={ invoice.irpf_percent } />
						</CardBody>
					</Card>

					{ invoice.status !== 'draft' && <InvoiceDelivery invoice={ invoice } /> }

					{ invoice.verifactu && (
						<Card className="cuadra-panel cuadra-verifactu">
							<CardHeader>
								<h2 className="cuadra-panel__title">VERI*FACTU</h2>
							</CardHeader>
							<CardBody>
								<p className="cuadra-verifactu__label">{ __( 'Fingerprint', 'cuadra' ) }</p>
								<code className="cuadra-verifactu__fingerprint">{ invoice.verifactu.fingerprint }</code>
								<p className="cuadra-verifactu__label">{ __( 'QR code URL', 'cuadra' ) }</p>
								<a
									className="cuadra-verifactu__qr"
									href={ invoice.verifactu.qr_url }
									target="_blank"
									rel="noopener noreferrer"
								>
									{ invoice.verifactu.qr_url }
									<span className="screen-reader-text">{ __( '(opens in a new tab)', 'cuadra' ) }</span>
								</a>
								<p className="cuadra-muted">
									{ __( "The QR code on the invoice leads here: the tax agency's check of this invoice.", 'cuadra' ) }
								</p>
							</CardBody>
						</Card>
					) }
				</div>
			</div>

			{ confirmCancel && (
				<ConfirmDialog
					title={ __( 'Cancel this invoice?', 'cuadra' ) }
					confirmLabel={ __( 'Yes, cancel invoice', 'cuadra' ) }
					cancelLabel={ __( 'Keep invoice', 'cuadra' ) }
					onConfirm={ () => run( 'cancel', __( 'Invoice cancelled.', 'cuadra' ) ) }
					onCancel={ () => setConfirmCancel( false ) }
					destructive
					busy={ busy === 'cancel' }
				>
					<p>
						{ sprintf(
							/* translators: %s: invoice number */
							__(
								'Cancelling records a VERI*FACTU cancellation for %s, for an invoice issued by mistake. Its number stays used and cannot be issued again. To correct amounts or data instead, use Rectify.',
								'cuadra'
							),
							number
						) }
					</p>
				</ConfirmDialog>
			) }
		</div>
	);
}
