import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { PanelBody, TextControl } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

interface PrivacyAttributes {
	text: string;
	linkText: string;
	linkUrl: string;
}

/**
 * Editor view of the privacy acceptance checkbox (always required, never marketing consent).
 *
 * @param props Block edit props.
 */
export function Edit( props: BlockEditProps< PrivacyAttributes > ) {
	const { attributes, setAttributes } = props;
	const blockProps = useBlockProps( { className: 'cuadra-form__field' } );
	return (
		<div { ...blockProps }>
			<InspectorControls>
				<PanelBody title={ __( 'Privacy acceptance', 'cuadra' ) }>
					<TextControl
						label={ __( 'Text', 'cuadra' ) }
						value={ attributes.text }
						placeholder={ __(
							'I have read and accept the privacy policy.',
							'cuadra'
						) }
						onChange={ ( value: string ) =>
							setAttributes( { text: value } )
						}
					/>
					<TextControl
						label={ __( 'Link text', 'cuadra' ) }
						value={ attributes.linkText }
						placeholder={ __( 'Privacy policy', 'cuadra' ) }
						onChange={ ( value: string ) =>
							setAttributes( { linkText: value } )
						}
					/>
					<TextControl
						label={ __( 'Link address', 'cuadra' ) }
						help={ __(
							"Empty: the site's privacy policy page.",
							'cuadra'
						) }
						type="url"
						value={ attributes.linkUrl }
						onChange={ ( value: string ) =>
							setAttributes( { linkUrl: value } )
						}
					/>
				</PanelBody>
			</InspectorControls>
			<span className="cuadra-form__choice">
				<input type="checkbox" disabled />{ ' ' }
				{ attributes.text ||
					__( 'I have read and accept the privacy policy.', 'cuadra' ) }{ ' ' }
				*
			</span>
		</div>
	);
}
