import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { TaxSummaryRow } from '../../../api/billing-types';
import { formatMoney } from '../../../shared/money';
import { formatPercent, vatLabel } from '../../invoice-labels';

interface TaxSummaryTableProps {
	rows: TaxSummaryRow[];
	currency: string;
}

/** The per-rate breakdown ("desglose"): base and tax for each IVA and recargo rate. */
export function TaxSummaryTable( { rows, currency }: TaxSummaryTableProps ) {
	const withRecargo = rows.some( ( row ) => row.recargo_amount !== 0 );
	const money = ( amount: number ) => formatMoney( amount, currency );
	return (
		<table className="widefat striped cuadra-tax-summary">
			<thead>
				<tr>
					<th scope="col">{ __( 'IVA rate', 'cuadra' ) }</th>
					<th scope="col" className="cuadra-amount">
						{ __( 'Taxable base', 'cuadra' ) }
					</th>
					<th scope="col" className="cuadra-amount">
						{ __( 'IVA amount', 'cuadra' ) }
					</th>
					{ withRecargo && (
						<th scope="col" className="cuadra-amount">
							{ __( 'Surcharge rate', 'cuadra' ) }
						</th>
					) }
					{ withRecargo && (
						<th scope="col" className="cuadra-amount">
							{ __( 'Surcharge amount', 'cuadra' ) }
						</th>
					) }
				</tr>
			</thead>
			<tbody>
				{ rows.map( ( row ) => (
					<tr key={ `${ JSON.stringify( row.vat ) }-${ row.recargo_rate }` }>
						<td>{ vatLabel( row.vat ) }</td>
						<td className="cuadra-amount">{ money( row.base ) }</td>
						<td className="cuadra-amount">{ money( row.vat_amount ) }</td>
						{ withRecargo && (
							<td className="cuadra-amount">
								{ formatPercent( row.recargo_rate ) }
							</td>
						) }
						{ withRecargo && (
							<td className="cuadra-amount">
								{ money( row.recargo_amount ) }
							</td>
						) }
					</tr>
				) ) }
			</tbody>
		</table>
	);
}
