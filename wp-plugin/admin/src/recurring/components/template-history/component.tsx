import { Card, CardBody, CardHeader } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { TemplateHistoryEntry } from '../../../api/recurring-types';
import { pageUrl } from '../../../shared/admin-location';
import { formatDate } from '../../../shared/dates';
import { formatMoney } from '../../../shared/money';
import { StatusBadge } from '../../../invoices/components/status-badge';

interface TemplateHistoryProps {
	history: TemplateHistoryEntry[];
	currency: string;
	invoicesUrl: string;
}

/** The invoices this template has issued, newest first, each linked to its invoice screen. */
export function TemplateHistory( { history, currency, invoicesUrl }: TemplateHistoryProps ) {
	const entries = [ ...history ].sort( ( a, b ) => b.period_index - a.period_index );
	return (
		<Card className="cuadra-panel cuadra-template-history">
			<CardHeader>
				<h2 className="cuadra-panel__title">{ __( 'Issued invoices', 'cuadra' ) }</h2>
			</CardHeader>
			<CardBody>
				{ entries.length === 0 ? (
					<p>{ __( 'None yet: the first invoice is issued on the first date above.', 'cuadra' ) }</p>
				) : (
					<table className="widefat striped cuadra-panel__table">
						<thead>
							<tr>
								<th scope="col">{ __( 'Invoice', 'cuadra' ) }</th>
								<th scope="col">{ __( 'Period', 'cuadra' ) }</th>
								<th scope="col">{ __( 'Status', 'cuadra' ) }</th>
								<th scope="col" className="cuadra-amount">
									{ __( 'Total', 'cuadra' ) }
								</th>
							</tr>
						</thead>
						<tbody>
							{ entries.map( ( entry ) => (
								<tr key={ entry.period_index }>
									<td>
										<a href={ pageUrl( invoicesUrl, { invoice: entry.invoice_id } ) }>
											{ entry.full_number ??
												sprintf(
													/* translators: %d: internal id of a draft invoice */
													__( 'Draft #%d', 'cuadra' ),
													entry.invoice_id
												) }
										</a>
										{ entry.issue_date && (
											<span className="cuadra-muted cuadra-kind-note">
												{ formatDate( entry.issue_date ) }
											</span>
										) }
									</td>
									<td>
										{ sprintf(
											/* translators: 1: first day of the period, 2: last day of the period */
											__( '%1$s – %2$s', 'cuadra' ),
											formatDate( entry.period_start ),
											formatDate( entry.period_end )
										) }
									</td>
									<td>
										<StatusBadge status={ entry.status } />
									</td>
									<td className="cuadra-amount">{ formatMoney( entry.total, currency ) }</td>
								</tr>
							) ) }
						</tbody>
					</table>
				) }
			</CardBody>
		</Card>
	);
}
