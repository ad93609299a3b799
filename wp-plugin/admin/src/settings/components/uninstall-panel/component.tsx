import {
	Card,
	CardBody,
	CardHeader,
	CheckboxControl,
	Notice,
	Spinner,
} from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { fetchPreferences, savePreferences } from '../../../api/cuadra-api';
import { describeRequestProblem } from '../../../api/request-problem';

interface PanelNotice {
	status: 'success' | 'error';
	message: string;
}

/** The opt-in that lets uninstall.php remove Cuadra's WordPress data; saved as soon as it changes. */
export function UninstallPanel() {
	const [ deleteData, setDeleteData ] = useState< boolean | null >( null );
	const [ saving, setSaving ] = useState( false );
	const [ notice, setNotice ] = useState< PanelNotice | null >( null );

	useEffect( () => {
		fetchPreferences()
			.then( ( preferences ) =>
				setDeleteData( preferences.delete_data_on_uninstall )
			)
			.catch( ( error: unknown ) => {
				setDeleteData( false );
				setNotice( {
					status: 'error',
					message: describeRequestProblem( error ).message,
				} );
			} );
	}, [] );

	const onChange = ( checked: boolean ) => {
		setSaving( true );
		setNotice( null );
		savePreferences( { delete_data_on_uninstall: checked } )
			.then( ( saved ) => {
				setDeleteData( saved.delete_data_on_uninstall );
				setNotice( {
					status: 'success',
					message: __( 'Preference saved.', 'cuadra' ),
				} );
			} )
			.catch( ( error: unknown ) =>
				setNotice( {
					status: 'error',
					message: describeRequestProblem( error ).message,
				} )
			)
			.finally( () => setSaving( false ) );
	};

	return (
		<Card className="cuadra-panel cuadra-uninstall-panel">
			<CardHeader>
				<h2 className="cuadra-panel__title">
					{ __( 'Uninstall', 'cuadra' ) }
				</h2>
			</CardHeader>
			<CardBody>
				{ deleteData === null ? (
					<Spinner />
				) : (
					<CheckboxControl
						__nextHasNoMarginBottom
						label={ __(
							"Delete Cuadra's WordPress data when the plugin is uninstalled",
							'cuadra'
						) }
						help={ __(
							'Removes the connection settings, cached data and Cuadra capabilities from WordPress. Invoices and other records kept by the Cuadra service are not touched.',
							'cuadra'
						) }
						checked={ deleteData }
						onChange={ onChange }
						disabled={ saving }
					/>
				) }
				{ notice && (
					<Notice
						className="cuadra-uninstall-notice"
						status={ notice.status }
						onRemove={ () => setNotice( null ) }
					>
						{ notice.message }
					</Notice>
				) }
			</CardBody>
		</Card>
	);
}
