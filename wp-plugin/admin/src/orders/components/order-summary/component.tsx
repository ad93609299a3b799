import { createElement } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { NormalisedOrder, OrderAddress, OrderDetail } from '../../../api/orders-types';
import { formatDateTime } from '../../../shared/dates';
import { formatMoney } from '../../../shared/money';
import { wooStatusLabel } from '../../order-labels';
import { SourceBadges } from '../source-badges';

interface OrderSummaryProps {
	detail: OrderDetail;
	/** Store name, when known. */
	storeName?: string;
	/** Lines and totals only (the invoice editor's import panel). */
	compact?: boolean;
}

function addressLines( address: OrderAddress ): string[] {
	const name = [ address.first_name, address.last_name ].filter( Boolean ).join( ' ' );
	const city = [ address.postcode, address.city ].filter( Boolean ).join( ' ' );
	return [
		name,
		address.company,
		address.address_1,
		address.address_2,
		[ city, address.state ].filter( Boolean ).join( ', ' ),
		address.country,
		address.email,
		address.phone,
	].filter( ( line ) => line.trim() !== '' );
}

function Address( { title, address }: { title: string; address: OrderAddress } ) {
	const lines = addressLines( address );
	return (
		<div className="cuadra-order-address">
			<h3>{ title }</h3>
			{ lines.length === 0 ? (
				<p className="cuadra-muted">—</p>
			) : (
				<p>
					{ lines.map( ( line, index ) => (
						<span key={ index } className="cuadra-order-address__line">
							{ line }
						</span>
					) ) }
				</p>
			) }
		</div>
	);
}

function Totals( { order }: { order: NormalisedOrder } ) {
	const money = ( amount: number ) => formatMoney( amount, order.currency );
	return (
		<table className="cuadra-order-totals">
			<tbody>
				{ order.discount_total > 0 && (
					<tr>
						<th scope="row">{ __( 'Discount', 'cuadra' ) }</th>
						<td className="cuadra-amount">{ money( -order.discount_total ) }</td>
					</tr>
				) }
				{ order.shipping_lines.map( ( line ) => (
					<tr key={ `s${ line.id }` }>
						<th scope="row">
							{ __( 'Shipping', 'cuadra' ) }: { line.name }
						</th>
						<td className="cuadra-amount">{ money( line.total ) }</td>
					</tr>
				) ) }
				{ order.fee_lines.map( ( line ) => (
					<tr key={ `f${ line.id }` }>
						<th scope="row">{ line.name }</th>
						<td className="cuadra-amount">{ money( line.total ) }</td>
					</tr>
				) ) }
				{ order.tax_lines.map( ( tax ) => (
					<tr key={ `t${ tax.id }` }>
						<th scope="row">
							{ tax.label }
							{ tax.rate_percent !== null ? ` (${ tax.rate_percent } %)` : '' }
						</th>
						<td className="cuadra-amount">{ money( tax.tax_total + tax.shipping_tax_total ) }</td>
					</tr>
				) ) }
				{ order.refunds.map( ( refund ) => (
					<tr key={ `r${ refund.id }` } className="cuadra-order-totals__refund">
						<th scope="row">
							{ __( 'Refunded', 'cuadra' ) }
							{ refund.reason ? `: ${ refund.reason }` : '' }
						</th>
						<td className="cuadra-amount">{ money( -refund.amount ) }</td>
					</tr>
				) ) }
				<tr className="cuadra-order-totals__total">
					<th scope="row">{ __( 'Total', 'cuadra' ) }</th>
					<td className="cuadra-amount">
						<strong>{ money( order.total ) }</strong>
					</td>
				</tr>
			</tbody>
		</table>
	);
}

/** One shop order: header facts, flags, lines, totals and addresses (also what gets printed). */
export function OrderSummary( { detail, storeName, compact = false }: OrderSummaryProps ) {
	const order = detail.order ?? detail.mail;
	return (
		<div className="cuadra-order-summary">
			<dl className="cuadra-order-facts">
				{ storeName && (
					<div>
						<dt>{ __( 'Store', 'cuadra' ) }</dt>
						<dd>{ storeName }</dd>
					</div>
				) }
				<div>
					<dt>{ __( 'Order', 'cuadra' ) }</dt>
					<dd className="cuadra-order-facts__number">{ detail.number }</dd>
				</div>
				<div>
					<dt>{ __( 'Date', 'cuadra' ) }</dt>
					<dd>{ formatDateTime( detail.created_at ) || '—' }</dd>
				</div>
				<div>
					<dt>{ __( 'Customer', 'cuadra' ) }</dt>
					<dd>
						{ detail.customer_name || '—' }
						{ detail.customer_email && <span className="cuadra-muted"> { detail.customer_email }</span> }
					</dd>
				</div>
				{ order?.tax_id && (
					<div>
						<dt>{ __( 'Tax ID', 'cuadra' ) }</dt>
						<dd>{ order.tax_id.value }</dd>
					</div>
				) }
				<div>
					<dt>{ __( 'Status', 'cuadra' ) }</dt>
					<dd>{ wooStatusLabel( detail.status ) }</dd>
				</div>
				<div>
					<dt>{ __( 'Total', 'cuadra' ) }</dt>
					<dd className="cuadra-order-facts__total">{ formatMoney( detail.total, detail.currency ) }</dd>
				</div>
				{ ! compact && order?.payment_method_title && (
					<div>
						<dt>{ __( 'Payment method', 'cuadra' ) }</dt>
						<dd>{ order.payment_method_title }</dd>
					</div>
				) }
				<div className="cuadra-no-print">
					<dt>{ __( 'Source', 'cuadra' ) }</dt>
					<dd>
						<SourceBadges order={ detail } />
					</dd>
				</div>
			</dl>

			<div className="cuadra-order-flags cuadra-no-print">
				{ detail.ignored && (
					<p className="cuadra-order-flag">{ __( 'Ignored: it will not be invoiced.', 'cuadra' ) }</p>
				) }
				{ detail.invoice_id !== null && (
					<p className="cuadra-order-flag">{ __( 'Invoiced.', 'cuadra' ) }</p>
				) }
				{ detail.changed_after_invoice && (
					<p className="cuadra-order-flag cuadra-order-flag--warning">
						{ sprintf(
							/* translators: %s: list of changed fields */
							__( 'The store changed this order after it was invoiced (%s). The invoice was not changed: rectify it if needed.', 'cuadra' ),
							detail.changes.flatMap( ( change ) => change.fields ).join( ', ' )
						) }
					</p>
				) }
				{ detail.problem && (
					<p className="cuadra-order-flag cuadra-order-flag--warning">{ detail.problem.message }</p>
				) }
			</div>

			{ order ? (
				<div className="cuadra-order-body">
					<table className="widefat striped cuadra-order-lines">
						<thead>
							<tr>
								<th scope="col">{ __( 'Product', 'cuadra' ) }</th>
								<th scope="col">{ __( 'SKU', 'cuadra' ) }</th>
								<th scope="col" className="cuadra-amount">
									{ __( 'Quantity', 'cuadra' ) }
								</th>
								<th scope="col" className="cuadra-amount">
									{ __( 'Amount', 'cuadra' ) }
								</th>
								<th scope="col" className="cuadra-amount">
									{ __( 'Tax', 'cuadra' ) }
								</th>
							</tr>
						</thead>
						<tbody>
							{ order.lines.map( ( line ) => (
								<tr key={ line.id }>
									<td>
										{ line.name }
										{ line.attributes.length > 0 && (
											<span className="cuadra-muted cuadra-order-line__attributes">
												{ line.attributes
													.map( ( attribute ) => `${ attribute.label }: ${ attribute.value }` )
													.join( ', ' ) }
											</span>
										) }
									</td>
									<td>{ line.sku }</td>
									<td className="cuadra-amount">{ line.quantity }</td>
									<td className="cuadra-amount">{ formatMoney( line.total, order.currency ) }</td>
									<td className="cuadra-amount">{ formatMoney( line.total_tax, order.currency ) }</td>
								</tr>
							) ) }
						</tbody>
					</table>
					<Totals order={ order } />
					{ ! compact && (
						<div className="cuadra-order-addresses">
							<Address title={ __( 'Billing address', 'cuadra' ) } address={ order.billing } />
							<Address title={ __( 'Shipping address', 'cuadra' ) } address={ order.shipping } />
						</div>
					) }
					{ ! compact && order.customer_note && (
						<p className="cuadra-order-note">
							<strong>{ __( 'Customer note', 'cuadra' ) }:</strong> { order.customer_note }
						</p>
					) }
				</div>
			) : (
				<p className="cuadra-muted">{ __( 'The lines of this order are not known yet.', 'cuadra' ) }</p>
			) }
		</div>
	);
}
