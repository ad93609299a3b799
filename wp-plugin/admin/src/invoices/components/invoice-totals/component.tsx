import { createElement } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { InvoiceTotals as Totals } from '../../../api/billing-types';
import { formatMoney } from '../../../shared/money';
import { formatPercent } from '../../invoice-labels';

interface InvoiceTotalsProps {
	/** Null when they cannot be worked out yet. */
	totals: Totals | null;
	currency: string;
	irpfPercent: string;
	/** A client-side preview, not yet the service's figures. */
	estimate?: boolean;
}

/** Taxable base, IVA, recargo, IRPF retention and total, as on the invoice. */
export function InvoiceTotals( {
	totals,
	currency,
	irpfPercent,
	estimate = false,
}: InvoiceTotalsProps ) {
	if ( ! totals ) {
		return (
			<p className="cuadra-invoice-totals__empty">
				{ __( 'Complete the lines to see the totals.', 'cuadra' ) }
			</p>
		);
	}
	const money = ( amount: number ) => formatMoney( amount, currency );
	return (
		<div
			className={ `cuadra-invoice-totals${
				estimate ? ' cuadra-invoice-totals--estimate' : ''
			}` }
		>
			{ estimate && (
				<p className="cuadra-invoice-totals__note">
					{ __( 'Estimate. Save the draft to get the exact totals.', 'cuadra' ) }
				</p>
			) }
			<table className="cuadra-invoice-totals__table">
				<tbody>
					<tr>
						<th scope="row">{ __( 'Taxable base', 'cuadra' ) }</th>
						<td className="cuadra-amount cuadra-totals-base">
							{ money( totals.base ) }
						</td>
					</tr>
					<tr>
						<th scope="row">{ __( 'IVA', 'cuadra' ) }</th>
						<td className="cuadra-amount cuadra-totals-vat">
							{ money( totals.vat ) }
						</td>
					</tr>
					{ totals.recargo !== 0 && (
						<tr>
							<th scope="row">
								{ __( 'Equivalence surcharge', 'cuadra' ) }
							</th>
							<td className="cuadra-amount cuadra-totals-recargo">
								{ money( totals.recargo ) }
							</td>
						</tr>
					) }
					{ totals.irpf !== 0 && (
						<tr>
							<th scope="row">
								{ sprintf(
									/* translators: %s: retention rate, e.g. 15 % */
									__( 'IRPF withholding (%s)', 'cuadra' ),
									formatPercent( irpfPercent )
								) }
							</th>
							<td className="cuadra-amount cuadra-totals-irpf">
								{ money( -totals.irpf ) }
							</td>
						</tr>
					) }
					<tr className="cuadra-invoice-totals__total">
						<th scope="row">{ __( 'Total', 'cuadra' ) }</th>
						<td className="cuadra-amount cuadra-totals-total">
							{ money( totals.total ) }
						</td>
					</tr>
				</tbody>
			</table>
		</div>
	);
}
