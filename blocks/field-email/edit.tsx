import type { BlockEditProps } from '@wordpress/blocks';
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { TextFieldEdit, type TextFieldAttributes } from '../shared/field-preview';

/**
 * Editor view of the e-mail field.
 *
 * @param props Block edit props.
 */
export function Edit( props: BlockEditProps< TextFieldAttributes > ) {
	return (
		<TextFieldEdit
			attributes={ props.attributes }
			setAttributes={ props.setAttributes }
			defaultLabel={ __( 'Your e-mail address', 'cuadra' ) }
			alwaysRequired
			type="email"
		/>
	);
}
