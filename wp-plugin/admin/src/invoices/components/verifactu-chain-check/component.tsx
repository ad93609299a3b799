import { Button, Notice } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import type { ReactNode } from 'react';
import { __, _n, sprintf } from '@wordpress/i18n';

import { verifyVerifactuChain } from '../../../api/billing-api';
import type { VerifactuChainCheck as ChainCheck } from '../../../api/billing-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { AdminLink } from '../../../shared/components/admin-link';

/**
 * Why a record breaks the chain, from the service's reason code.
 *
 * @param reason fingerprint_mismatch, previous_fingerprint_mismatch or issuer_mismatch.
 */
function brokenBecause( reason: string ): string {
	switch ( reason ) {
		case 'fingerprint_mismatch':
			return __( 'its fingerprint does not match its own data, so the record was changed after it was made.', 'cuadra' );
		case 'previous_fingerprint_mismatch':
			return __( 'it does not carry the fingerprint of the record before it, so a record was removed, added or moved.', 'cuadra' );
		case 'issuer_mismatch':
			return __( 'it belongs to another issuer.', 'cuadra' );
		default:
			return reason;
	}
}

/**
 * "Verify VERI*FACTU chain": recomputes every record's fingerprint link on the service. Gives the
 * button and the result separately, so a screen can put the button in its header and the result
 * where notices go.
 */
export function useVerifactuChainCheck(): { button: ReactNode; result: ReactNode } {
	const [ checking, setChecking ] = useState( false );
	const [ result, setResult ] = useState< ChainCheck | null >( null );
	const [ error, setError ] = useState< string | null >( null );

	const onVerify = () => {
		setChecking( true );
		setResult( null );
		setError( null );
		verifyVerifactuChain()
			.then( setResult )
			.catch( ( problem: unknown ) =>
				setError( describeRequestProblem( problem ).message )
			)
			.finally( () => setChecking( false ) );
	};

	const button = (
		<Button
			variant="secondary"
			className="cuadra-chain-check__button"
			onClick={ onVerify }
			isBusy={ checking }
			disabled={ checking }
		>
			{ __( 'Verify VERI*FACTU chain', 'cuadra' ) }
		</Button>
	);

	let notice: ReactNode = null;
	if ( result?.intact === true ) {
		notice = (
			<Notice
				status="success"
				className="cuadra-chain-check__result"
				onRemove={ () => setResult( null ) }
			>
				{ sprintf(
					/* translators: %d: number of VERI*FACTU records */
					_n(
						'Chain intact (%d record).',
						'Chain intact (%d records).',
						result.records,
						'cuadra'
					),
					result.records
				) }
			</Notice>
		);
	} else if ( result?.intact === false ) {
		notice = (
			<Notice
				status="error"
				className="cuadra-chain-check__result"
				onRemove={ () => setResult( null ) }
			>
				{ sprintf(
					/* translators: 1: position of the broken record (from 1), 2: number of records, 3: the reason */
					__(
						'The chain is broken at record %1$d of %2$d: %3$s',
						'cuadra'
					),
					result.first_broken_index + 1,
					result.records,
					brokenBecause( result.reason )
				) }{ ' ' }
				{ result.first_broken_invoice_id !== undefined && (
					<AdminLink to={ { invoice: result.first_broken_invoice_id } }>
						{ __( 'Open that invoice', 'cuadra' ) }
					</AdminLink>
				) }
			</Notice>
		);
	} else if ( error ) {
		notice = (
			<Notice
				status="error"
				className="cuadra-chain-check__result"
				onRemove={ () => setError( null ) }
			>
				{ error }
			</Notice>
		);
	}

	return { button, result: notice };
}
