import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { fetchCompanySettings } from '../../../api/cuadra-api';
import { describeRequestProblem } from '../../../api/request-problem';
import type { CompanySettings } from '../../../api/types';
import { CompanySummaryCard } from '../company-summary-card';
import { ConnectionStatusCard } from '../connection-status-card';
import { RoadmapCard } from '../roadmap-card';

interface HomePageProps {
	canManage: boolean;
	settingsUrl: string;
}

/** Cuadra → Home. */
export function HomePage( { canManage, settingsUrl }: HomePageProps ) {
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
				<RoadmapCard />
			</div>
		</div>
	);
}
