import * as element from '@wordpress/element';
import { createElement } from '@wordpress/element';

import { HomePage } from './home/components/home-page';
import { SettingsPage } from './settings/components/settings-page';
import './admin.scss';

type AppElement = ReturnType< typeof createElement >;

/**
 * WordPress ≥ 6.2 ships React 18 (createRoot); 6.1 has only render().
 *
 * @param container Element the page shell printed.
 * @param app       Screen to show in it.
 */
function mount( container: HTMLElement, app: AppElement ) {
	if ( typeof element.createRoot === 'function' ) {
		element.createRoot( container ).render( app );
	} else {
		element.render( app, container );
	}
}

function start() {
	const home = document.getElementById( 'cuadra-home-root' );
	if ( home ) {
		mount(
			home,
			<HomePage
				canManage={ home.dataset.canManage === '1' }
				settingsUrl={ home.dataset.settingsUrl ?? '' }
			/>
		);
	}

	const settings = document.getElementById( 'cuadra-settings-root' );
	if ( settings ) {
		mount( settings, <SettingsPage /> );
	}
}

if ( document.readyState === 'loading' ) {
	document.addEventListener( 'DOMContentLoaded', start );
} else {
	start();
}
