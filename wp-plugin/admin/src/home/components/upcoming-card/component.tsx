import { Card, CardBody, CardHeader, Notice, Spinner } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { UpcomingIssue } from '../../../api/recurring-types';
import { pageUrl } from '../../../shared/admin-location';
import { formatDate } from '../../../shared/dates';
import { formatMoney } from '../../../shared/money';
import type { Loadable } from '../../use-mrr-dashboard';

interface UpcomingCardProps {
	upcoming: Loadable< UpcomingIssue[] >;
	recurringUrl: string;
}

/** The next invoices the recurring templates will issue. */
export function UpcomingCard( { upcoming, recurringUrl }: UpcomingCardProps ) {
	let content;
	if ( upcoming === undefined ) {
		content = <Spinner />;
	} else if ( ! upcoming.ok ) {
		content = (
			<Notice status="error" isDismissible={ false }>
				{ upcoming.message }
			</Notice>
		);
	} else if ( upcoming.data.length === 0 ) {
		content = (
			<p>
				{ __( 'No invoices scheduled.', 'cuadra' ) }{ ' ' }
				<a href={ pageUrl( recurringUrl, { action: 'new' } ) }>{ __( 'Create a recurring invoice', 'cuadra' ) }</a>
			</p>
		);
	} else {
		content = (
			<table className="widefat striped cuadra-upcoming">
				<thead>
					<tr>
						<th scope="col">{ __( 'Date', 'cuadra' ) }</th>
						<th scope="col">{ __( 'Customer', 'cuadra' ) }</th>
						<th scope="col" className="cuadra-amount">
							{ __( 'Total', 'cuadra' ) }
						</th>
					</tr>
				</thead>
				<tbody>
					{ upcoming.data.map( ( issue ) => (
						<tr key={ `${ issue.template_id }-${ issue.date }` }>
							<td>{ formatDate( issue.date ) }</td>
							<td>
								<a href={ pageUrl( recurringUrl, { template: issue.template_id } ) }>
									{ issue.customer_name || __( '(no customer)', 'cuadra' ) }
								</a>
							</td>
							<td className="cuadra-amount">{ formatMoney( issue.amount, issue.currency ) }</td>
						</tr>
					) ) }
				</tbody>
			</table>
		);
	}

	return (
		<Card className="cuadra-card cuadra-upcoming-card">
			<CardHeader>
				<h2 className="cuadra-card__title">{ __( 'Upcoming invoices', 'cuadra' ) }</h2>
			</CardHeader>
			<CardBody>{ content }</CardBody>
		</Card>
	);
}
