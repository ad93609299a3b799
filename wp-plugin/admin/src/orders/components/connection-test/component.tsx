import { Button, Notice } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { testStoreConnection } from '../../../api/orders-api';
import type { ConnectionTestResult } from '../../../api/orders-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { connectionProblemLabel } from '../../order-labels';

interface ConnectionTestProps {
	storeId: number;
	/** URL and keys typed but not saved yet, tried instead of the stored ones. */
	unsaved?: { url?: string; consumer_key?: string; consumer_secret?: string };
}

function rawText( raw: unknown ): string {
	if ( raw === null || raw === undefined ) {
		return '';
	}
	return typeof raw === 'string' ? raw : JSON.stringify( raw, null, 2 );
}

/** "Test connection": asks the service to reach the store and explains what went wrong. */
export function ConnectionTest( { storeId, unsaved = {} }: ConnectionTestProps ) {
	const [ result, setResult ] = useState< ConnectionTestResult | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ busy, setBusy ] = useState( false );

	const run = () => {
		setBusy( true );
		setResult( null );
		setError( null );
		const body = Object.fromEntries(
			Object.entries( unsaved ).filter( ( [ , value ] ) => value !== undefined && value !== '' )
		);
		testStoreConnection( storeId, body )
			.then( setResult )
			.catch( ( problem: unknown ) => setError( describeRequestProblem( problem ).message ) )
			.finally( () => setBusy( false ) );
	};

	return (
		<div className="cuadra-connection-test">
			<Button variant="secondary" onClick={ run } isBusy={ busy } disabled={ busy }>
				{ __( 'Test connection', 'cuadra' ) }
			</Button>
			{ result?.ok === true && (
				<Notice status="success" isDismissible={ false } className="cuadra-connection-test__result">
					{ sprintf(
						/* translators: %s: number of orders in the store */
						_n(
							'Connected: the store has %s order.',
							'Connected: the store has %s orders.',
							result.orders_total,
							'cuadra'
						),
						result.orders_total.toLocaleString()
					) }
				</Notice>
			) }
			{ result?.ok === false && (
				<Notice status="error" isDismissible={ false } className="cuadra-connection-test__result">
					<p>{ connectionProblemLabel( result.code, result.message ) }</p>
					{ rawText( result.raw ) !== '' && (
						<details>
							<summary>
								{ result.status
									? sprintf(
										/* translators: %d: HTTP status code */
										__( 'What the store answered (HTTP %d)', 'cuadra' ),
										result.status
									)
									: __( 'What the store answered', 'cuadra' ) }
							</summary>
							<pre className="cuadra-connection-test__raw">{ rawText( result.raw ) }</pre>
						</details>
					) }
				</Notice>
			) }
			{ error && (
				<Notice status="error" isDismissible={ false } className="cuadra-connection-test__result">
					{ error }
				</Notice>
			) }
		</div>
	);
}
