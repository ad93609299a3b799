import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import {
	PanelBody,
	TextControl,
	TextareaControl,
	ToggleControl,
} from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

interface SelectAttributes {
	label: string;
	options: string[];
	required: boolean;
	multiple: boolean;
}

/**
 * Editor view of a choice field: a select, or checkboxes when several may be chosen.
 *
 * @param props Block edit props.
 */
export function Edit( props: BlockEditProps< SelectAttributes > ) {
	const { attributes, setAttributes } = props;
	const blockProps = useBlockProps( { className: 'cuadra-form__field' } );
	const label = attributes.label || __( 'Choose an option', 'cuadra' );
	return (
		<div { ...blockProps }>
			<InspectorControls>
				<PanelBody title={ __( 'Field', 'cuadra' ) }>
					<TextControl
						label={ __( 'Label', 'cuadra' ) }
						value={ attributes.label }
						onChange={ ( value: string ) =>
							setAttributes( { label: value } )
						}
					/>
					<TextareaControl
						label={ __( 'Options, one per line', 'cuadra' ) }
						value={ attributes.options.join( '\n' ) }
						onChange={ ( value: string ) =>
							setAttributes( {
								options: value
									.split( '\n' )
									.map( ( option ) => option.trim() )
									.filter( Boolean ),
							} )
						}
					/>
					<ToggleControl
						label={ __( 'Required', 'cuadra' ) }
						checked={ attributes.required }
						onChange={ ( value: boolean ) =>
							setAttributes( { required: value } )
						}
					/>
					<ToggleControl
						label={ __( 'Several options may be chosen', 'cuadra' ) }
						checked={ attributes.multiple }
						onChange={ ( value: boolean ) =>
							setAttributes( { multiple: value } )
						}
					/>
				</PanelBody>
			</InspectorControls>
			<span className="cuadra-form__label">
				{ label }
				{ attributes.required ? ' *' : '' }
			</span>
			{ attributes.options.length === 0 && (
				<p>{ __( 'Add the options in the block settings.', 'cuadra' ) }</p>
			) }
			{ attributes.multiple ? (
				attributes.options.map( ( option ) => (
					<span key={ option } className="cuadra-form__choice">
						<input type="checkbox" disabled /> { option }
					</span>
				) )
			) : (
				<select className="cuadra-form__input" disabled>
					{ attributes.options.map( ( option ) => (
						<option key={ option }>{ option }</option>
					) ) }
				</select>
			) }
		</div>
	);
}
