import {
	Card,
	CardBody,
	CardHeader,
	Notice,
	Spinner,
} from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { checkConnection } from '../../../api/cuadra-api';
import { describeRequestProblem } from '../../../api/request-problem';
import type { ConnectionCheckResult } from '../../../api/types';

interface ConnectionStatusCardProps {
	canManage: boolean;
	settingsUrl: string;
	/**
	 * For people without cuadra_manage, who may not run the check: the outcome of loading the
	 * company settings, which also goes through the service (undefined while loading).
	 */
	companyLoad?: { ok: true } | { ok: false; message: string };
}

/** "Connected to the Cuadra service", or what is wrong, in plain words. */
export function ConnectionStatusCard( {
	canManage,
	settingsUrl,
	companyLoad,
}: ConnectionStatusCardProps ) {
	const [ result, setResult ] = useState< ConnectionCheckResult | null >(
		null
	);

	useEffect( () => {
		if ( ! canManage ) {
			return;
		}
		checkConnection()
			.then( setResult )
			.catch( ( error: unknown ) =>
				setResult( {
					ok: false,
					code: 'service_error',
					message: describeRequestProblem( error ).message,
				} )
			);
	}, [ canManage ] );

	let shown: ConnectionCheckResult | null = result;
	if ( ! canManage && companyLoad ) {
		shown = companyLoad.ok
			? {
				ok: true,
				code: 'ok',
				message: __( 'Connected to the Cuadra service.', 'cuadra' ),
			}
			: { ok: false, code: 'service_error', message: companyLoad.message };
	}

	return (
		<Card className="cuadra-card cuadra-connection-status">
			<CardHeader>
				<h2 className="cuadra-card__title">
					{ __( 'Connection', 'cuadra' ) }
				</h2>
			</CardHeader>
			<CardBody>
				{ shown === null ? (
					<p className="cuadra-connection-status__checking">
						<Spinner />
						{ __( 'Checking the connection…', 'cuadra' ) }
					</p>
				) : (
					<div
						className="cuadra-connection-status__result"
						data-connection-code={ shown.code }
					>
						<Notice
							status={ shown.ok ? 'success' : 'error' }
							isDismissible={ false }
						>
							{ shown.message }
						</Notice>
						{ ! shown.ok && canManage && (
							<p>
								<a href={ settingsUrl }>
									{ __(
										'Open Cuadra settings to fix the connection',
										'cuadra'
									) }
								</a>
							</p>
						) }
					</div>
				) }
			</CardBody>
		</Card>
	);
}
