import { createElement, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { CompanyPanel } from '../company-panel';
import { ConnectionPanel } from '../connection-panel';
import { SeriesPanel } from '../series-panel';
import { UninstallPanel } from '../uninstall-panel';

/** Cuadra → Settings. */
export function SettingsPage() {
	// Bumped by every successful "Check connection": the Company panel may have failed to load
	// before the connection existed, and must not keep saying so.
	const [ connectedAt, setConnectedAt ] = useState( 0 );
	return (
		<div className="cuadra-settings">
			<h1>{ __( 'Cuadra settings', 'cuadra' ) }</h1>
			<ConnectionPanel onConnected={ () => setConnectedAt( ( count ) => count + 1 ) } />
			<CompanyPanel reloadSignal={ connectedAt } />
			<SeriesPanel />
			<UninstallPanel />
		</div>
	);
}
