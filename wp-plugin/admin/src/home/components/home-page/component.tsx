import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { fetchCompanySettings } from '../../../api/cuadra-api';
import { describeRequestProblem } from '../../../api/request-problem';
import type { CompanySettings } from '../../../api/types';
import { useMrrDashboard } from '../../use-mrr-dashboard';
import { CompanySummaryCard } from '../company-summary-card';
import { ConnectionStatusCard } from '../connection-status-card';
import { MrrCard } from '../mrr-card';
import { MrrChartCard } from '../mrr-chart';
import { UpcomingCard } from '../upcoming-card';

interface HomePageProps {
	canManage: boolean;
	/** Holds cuadra_billing: sees MRR and the upcoming invoices. */
	canBill: boolean;
	settingsUrl: string;
	recurringUrl: string;
}

/** Cuadra → Home: MRR, its last 12 months and the next invoices for billing people; the connection and company for all. */
export function HomePage( { canManage, canBill, settingsUrl, recurringUrl }: HomePageProps ) {
	const dashboard = useMrrDashboard( canBill );
	const [ company, setCompany ] = useState<
		CompanySettings | null | undefined
	>( undefined );
	const [ companyLoad, setCompanyLoad ] = useState<
		{ ok: true } | { ok: false; message: string } | undefined
	>( undefined );

	useEffect( () => {
		fetchCompanySettings()
			.then( ( settings ) => {
				setCompany( settings );
				setCompanyLoad( { ok: true } );
			} )
			.catch( ( error: unknown ) => {
				setCompany( null );
				setCompanyLoad( {
					ok: false,
					message: describeRequestProblem( error ).message,
				} );
			} );
	}, [] );

	return (
		<div className="cuadra-home">
			<h1>Cuadra</h1>
			<p className="cuadra-home__intro">
				{ __(
					'Invoicing, recurring billing, orders and tickets for your business, inside WordPress.',
					'cuadra'
				) }
			</p>
			{ canBill && (
				<div className="cuadra-home__cards cuadra-home__revenue">
					<MrrCard summary={ dashboard.summary } recurringUrl={ recurringUrl } />
					<UpcomingCard upcoming={ dashboard.upcoming } recurringUrl={ recurringUrl } />
					<MrrChartCard history={ dashboard.history } />
				</div>
			) }
			<div className="cuadra-home__cards">
				<ConnectionStatusCard
					canManage={ canManage }
					settingsUrl={ settingsUrl }
					companyLoad={ companyLoad }
				/>
				<CompanySummaryCard
					company={ company }
					canManage={ canManage }
					settingsUrl={ settingsUrl }
				/>
			</div>
		</div>
	);
}
