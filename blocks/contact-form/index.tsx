// Editor script of the contact form and its field blocks: WordPress loads it in the editor only.
import { InnerBlocks } from '@wordpress/block-editor';
import { registerBlockType, type BlockEditProps } from '@wordpress/blocks';
import { createElement, type ComponentType } from '@wordpress/element';

import { Edit } from './edit';
import metadata from './block.json';
import { Edit as DepartmentEdit } from '../field-department/edit';
import departmentMetadata from '../field-department/block.json';
import { Edit as EmailEdit } from '../field-email/edit';
import emailMetadata from '../field-email/block.json';
import { Edit as MarketingEdit } from '../field-marketing/edit';
import marketingMetadata from '../field-marketing/block.json';
import { Edit as MessageEdit } from '../field-message/edit';
import messageMetadata from '../field-message/block.json';
import { Edit as NameEdit } from '../field-name/edit';
import nameMetadata from '../field-name/block.json';
import { Edit as PhoneEdit } from '../field-phone/edit';
import phoneMetadata from '../field-phone/block.json';
import { Edit as PrivacyEdit } from '../field-privacy/edit';
import privacyMetadata from '../field-privacy/block.json';
import { Edit as SelectEdit } from '../field-select/edit';
import selectMetadata from '../field-select/block.json';
import { Edit as SubjectEdit } from '../field-subject/edit';
import subjectMetadata from '../field-subject/block.json';

// The form is rendered on the server (render.php): the post keeps only the block comments.
registerBlockType( metadata, {
	edit: Edit,
	save: () => <InnerBlocks.Content />,
} );

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each field has its own attribute type
const fields: Array< [ { name: string }, ComponentType< BlockEditProps< any > > ] > = [
	[ nameMetadata, NameEdit ],
	[ emailMetadata, EmailEdit ],
	[ phoneMetadata, PhoneEdit ],
	[ subjectMetadata, SubjectEdit ],
	[ messageMetadata, MessageEdit ],
	[ selectMetadata, SelectEdit ],
	[ privacyMetadata, PrivacyEdit ],
	[ marketingMetadata, MarketingEdit ],
	[ departmentMetadata, DepartmentEdit ],
];
for ( const [ fieldMetadata, edit ] of fields ) {
	registerBlockType( fieldMetadata, { edit, save: () => null } );
}
