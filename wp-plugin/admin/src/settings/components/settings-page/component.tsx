import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { CompanyPanel } from '../company-panel';
import { ConnectionPanel } from '../connection-panel';
import { UninstallPanel } from '../uninstall-panel';

/** Cuadra → Settings. */
export function SettingsPage() {
	return (
		<div className="cuadra-settings">
			<h1>{ __( 'Cuadra settings', 'cuadra' ) }</h1>
			<ConnectionPanel />
			<CompanyPanel />
			<UninstallPanel />
		</div>
	);
}
