import { Card, CardBody, CardHeader, Spinner } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { CompanySettings } from '../../../api/types';

interface CompanySummaryCardProps {
	/** undefined while loading, null when it could not be loaded. */
	company: CompanySettings | null | undefined;
	canManage: boolean;
	settingsUrl: string;
}

/** Which company Cuadra invoices for, when that is set up. */
export function CompanySummaryCard( {
	company,
	canManage,
	settingsUrl,
}: CompanySummaryCardProps ) {
	let content;
	if ( company === undefined ) {
		content = <Spinner />;
	} else if ( company === null ) {
		content = (
			<p>
				{ __(
					'The company details cannot be shown until the Cuadra service can be reached.',
					'cuadra'
				) }
			</p>
		);
	} else if ( ! company.configured ) {
		content = (
			<p>
				{ __( 'Your company details are not filled in yet.', 'cuadra' ) }{ ' ' }
				{ canManage && (
					<a href={ settingsUrl }>
						{ __( 'Add them in Cuadra settings', 'cuadra' ) }
					</a>
				) }
			</p>
		);
	} else {
		content = (
			<div className="cuadra-company-summary">
				<p className="cuadra-company-summary__name">
					<strong>
						{ company.trade_name || company.legal_name }
					</strong>
				</p>
				{ company.trade_name && company.legal_name && (
					<p>{ company.legal_name }</p>
				) }
				{ company.tax_id && <p>{ company.tax_id }</p> }
			</div>
		);
	}

	return (
		<Card className="cuadra-card cuadra-company-card">
			<CardHeader>
				<h2 className="cuadra-card__title">
					{ __( 'Company', 'cuadra' ) }
				</h2>
			</CardHeader>
			<CardBody>{ content }</CardBody>
		</Card>
	);
}
