import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import { PanelBody, TextControl, ToggleControl } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

export interface TextFieldAttributes {
	label: string;
	placeholder: string;
	required?: boolean;
}

interface TextFieldEditProps {
	attributes: TextFieldAttributes;
	setAttributes: ( next: Partial< TextFieldAttributes > ) => void;
	defaultLabel: string;
	/** Name, e-mail and message are always required: the ticket needs them. */
	alwaysRequired?: boolean;
	multiline?: boolean;
	type?: string;
}

/**
 * Editor preview and settings of a one-value field (name, e-mail, phone, subject, message).
 *
 * @param props Block attributes and what kind of field it is.
 */
export function TextFieldEdit( props: TextFieldEditProps ) {
	const { attributes, setAttributes, defaultLabel, alwaysRequired } = props;
	const blockProps = useBlockProps( { className: 'cuadra-form__field' } );
	const required = alwaysRequired || Boolean( attributes.required );
	const label = attributes.label || defaultLabel;
	return (
		<div { ...blockProps }>
			<InspectorControls>
				<PanelBody title={ __( 'Field', 'cuadra' ) }>
					<TextControl
						label={ __( 'Label', 'cuadra' ) }
						value={ attributes.label }
						placeholder={ defaultLabel }
						onChange={ ( value: string ) =>
							setAttributes( { label: value } )
						}
					/>
					<TextControl
						label={ __( 'Placeholder', 'cuadra' ) }
						value={ attributes.placeholder }
						onChange={ ( value: string ) =>
							setAttributes( { placeholder: value } )
						}
					/>
					{ alwaysRequired ? (
						<p>{ __( 'This field is always required.', 'cuadra' ) }</p>
					) : (
						<ToggleControl
							label={ __( 'Required', 'cuadra' ) }
							checked={ required }
							onChange={ ( value: boolean ) =>
								setAttributes( { required: value } )
							}
						/>
					) }
				</PanelBody>
			</InspectorControls>
			<span className="cuadra-form__label">
				{ label }
				{ required ? ' *' : '' }
			</span>
			{ props.multiline ? (
				<textarea
					className="cuadra-form__input"
					placeholder={ attributes.placeholder }
					readOnly
					rows={ 4 }
				/>
			) : (
				<input
					className="cuadra-form__input"
					type={ props.type ?? 'text' }
					placeholder={ attributes.placeholder }
					readOnly
				/>
			) }
		</div>
	);
}
