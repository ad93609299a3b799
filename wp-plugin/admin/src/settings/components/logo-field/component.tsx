import { BaseControl, Button } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { FieldError } from '../../../shared/components/field-error';

/** docs/protocol.md: the logo travels as a data: URL of at most 256 KB. */
export const MAX_LOGO_DATA_URL_LENGTH = 256 * 1024;

const ACCEPTED_TYPES = [ 'image/png', 'image/jpeg', 'image/svg+xml' ];

interface LogoFieldProps {
	value: string | null;
	onChange: ( logo: string | null ) => void;
	/** Message from the service for `logo`. */
	error?: string;
	disabled?: boolean;
}

function readAsDataUrl( file: File ): Promise< string > {
	return new Promise( ( resolve, reject ) => {
		const reader = new FileReader();
		reader.onload = () => resolve( String( reader.result ) );
		reader.onerror = () => reject( reader.error );
		reader.readAsDataURL( file );
	} );
}

/** File input for PNG, JPEG or SVG, kept as a data: URL, with a preview and "Remove logo". */
export function LogoField( {
	value,
	onChange,
	error,
	disabled = false,
}: LogoFieldProps ) {
	const [ localError, setLocalError ] = useState< string | null >( null );
	const inputId = 'cuadra-company-logo';
	const shownError = localError ?? error;

	const onFileChosen = ( event: { target: HTMLInputElement } ) => {
		const input = event.target;
		const file = input.files?.[ 0 ];
		if ( ! file ) {
			return;
		}
		if ( ! ACCEPTED_TYPES.includes( file.type ) ) {
			setLocalError(
				__( 'The logo must be a PNG, JPEG or SVG image.', 'cuadra' )
			);
			input.value = '';
			return;
		}
		readAsDataUrl( file )
			.then( ( dataUrl ) => {
				if ( dataUrl.length > MAX_LOGO_DATA_URL_LENGTH ) {
					setLocalError(
						__(
							'The logo is too large: it must stay under 256 KB once encoded, so use an image of about 190 KB or less.',
							'cuadra'
						)
					);
					return;
				}
				setLocalError( null );
				onChange( dataUrl );
			} )
			.catch( () =>
				setLocalError(
					__( 'The image could not be read. Try another file.', 'cuadra' )
				)
			)
			.finally( () => {
				input.value = '';
			} );
	};

	return (
		<BaseControl
			__nextHasNoMarginBottom
			id={ inputId }
			className="cuadra-logo-field"
			label={ __( 'Logo', 'cuadra' ) }
			help={
				shownError ? (
					<FieldError message={ shownError } />
				) : (
					__(
						'PNG, JPEG or SVG, up to 256 KB. It appears on your invoices.',
						'cuadra'
					)
				)
			}
		>
			{ value && (
				<div className="cuadra-logo-field__preview">
					<img src={ value } alt={ __( 'Current logo', 'cuadra' ) } />
				</div>
			) }
			<div className="cuadra-logo-field__controls">
				<input
					id={ inputId }
					className="cuadra-logo-field__input"
					type="file"
					accept={ ACCEPTED_TYPES.join( ',' ) }
					onChange={ onFileChosen }
					disabled={ disabled }
					aria-describedby={ `${ inputId }__help` }
					aria-invalid={ shownError !== undefined && shownError !== null }
				/>
				{ value && (
					<Button
						variant="secondary"
						isDestructive
						onClick={ () => {
							setLocalError( null );
							onChange( null );
						} }
						disabled={ disabled }
					>
						{ __( 'Remove logo', 'cuadra' ) }
					</Button>
				) }
			</div>
		</BaseControl>
	);
}
