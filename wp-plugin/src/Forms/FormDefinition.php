<?php
/**
 * What a contact form asks for, read from the block as saved in its post.
 *
 * @package Cuadra
 */

namespace Cuadra\Forms;

defined( 'ABSPATH' ) || exit;

/**
 * The fields and settings of one cuadra/contact-form block. Submissions are checked against this,
 * never against the list of fields a browser sends.
 */
final class FormDefinition {

	const BLOCK_NAME = 'cuadra/contact-form';

	/** Longest message, in characters (code points): the same limit as the service. */
	const MESSAGE_MAX_CHARS = 20000;

	/** Longest name and subject, in characters. */
	const LINE_MAX_CHARS = 200;

	/**
	 * Post holding the block.
	 *
	 * @var int
	 */
	public $post_id;

	/**
	 * The block's formId attribute.
	 *
	 * @var string
	 */
	public $form_id;

	/**
	 * The block's attributes with defaults filled in.
	 *
	 * @var array<string, mixed>
	 */
	public $settings;

	/**
	 * Fields in display order, keyed by input name (name, email, phone, subject, message, select_N,
	 * department, privacy, marketing).
	 *
	 * @var array<string, array<string, mixed>>
	 */
	public $fields;

	/**
	 * Builds the definition from a parsed block.
	 *
	 * @param array<string, mixed> $block   A block as parse_blocks() or render gives it.
	 * @param int                  $post_id Post holding it.
	 */
	public function __construct( array $block, $post_id ) {
		$attributes     = isset( $block['attrs'] ) && is_array( $block['attrs'] ) ? $block['attrs'] : array();
		$this->post_id  = (int) $post_id;
		$this->form_id  = isset( $attributes['formId'] ) ? (string) $attributes['formId'] : '';
		$this->settings = array(
			'department_id'    => isset( $attributes['departmentId'] ) ? max( 0, (int) $attributes['departmentId'] ) : 0,
			'visitor_chooses'  => ! empty( $attributes['visitorChoosesDepartment'] ),
			'after_submit'     => isset( $attributes['afterSubmit'] ) && 'redirect' === $attributes['afterSubmit'] ? 'redirect' : 'message',
			'thank_you'        => isset( $attributes['thankYouMessage'] ) ? (string) $attributes['thankYouMessage'] : '',
			'redirect_url'     => isset( $attributes['redirectUrl'] ) ? (string) $attributes['redirectUrl'] : '',
			'list_ids'         => isset( $attributes['listIds'] ) && is_array( $attributes['listIds'] ) ? array_values( array_unique( array_filter( array_map( 'intval', $attributes['listIds'] ) ) ) ) : array(),
			'submit_label'     => isset( $attributes['submitLabel'] ) ? (string) $attributes['submitLabel'] : '',
		);
		$this->fields   = $this->read_fields( isset( $block['innerBlocks'] ) && is_array( $block['innerBlocks'] ) ? $block['innerBlocks'] : array() );
	}

	/**
	 * The form with this id in a published post, read from the post content as saved.
	 *
	 * @param int    $post_id Post id.
	 * @param string $form_id The block's formId.
	 * @return FormDefinition|null Null when the post is not public or holds no such form.
	 */
	public static function find( $post_id, $form_id ) {
		$post = get_post( (int) $post_id );
		if ( ! $post || 'publish' !== $post->post_status || post_password_required( $post ) || ! is_post_type_viewable( $post->post_type ) ) {
			return null;
		}
		$block = self::find_block( parse_blocks( $post->post_content ), (string) $form_id );
		return $block ? new self( $block, $post->ID ) : null;
	}

	/**
	 * Depth-first search for the first contact form with this id (forms may sit inside groups or columns).
	 *
	 * @param array<int, array<string, mixed>> $blocks  Parsed blocks.
	 * @param string                           $form_id The block's formId.
	 * @return array<string, mixed>|null
	 */
	private static function find_block( array $blocks, $form_id ) {
		foreach ( $blocks as $block ) {
			if ( self::BLOCK_NAME === $block['blockName'] ) {
				$id = isset( $block['attrs']['formId'] ) ? (string) $block['attrs']['formId'] : '';
				if ( $id === $form_id ) {
					return $block;
				}
				continue;
			}
			if ( ! empty( $block['innerBlocks'] ) ) {
				$found = self::find_block( $block['innerBlocks'], $form_id );
				if ( $found ) {
					return $found;
				}
			}
		}
		return null;
	}

	/**
	 * Fields from the inner blocks. Name, e-mail, message and privacy acceptance are always asked
	 * (a ticket needs them), so they are added when the editor removed them.
	 *
	 * @param array<int, array<string, mixed>> $inner_blocks Inner blocks.
	 * @return array<string, array<string, mixed>>
	 */
	private function read_fields( array $inner_blocks ) {
		$fields  = array();
		$selects = 0;
		foreach ( $inner_blocks as $inner ) {
			$type  = is_string( $inner['blockName'] ) && 0 === strpos( $inner['blockName'], 'cuadra/field-' ) ? substr( $inner['blockName'], strlen( 'cuadra/field-' ) ) : '';
			$attrs = isset( $inner['attrs'] ) && is_array( $inner['attrs'] ) ? $inner['attrs'] : array();
			$field = $this->field( $type, $attrs );
			if ( ! $field ) {
				continue;
			}
			$key = 'select' === $type ? 'select_' . ( $selects++ ) : $type;
			if ( ! isset( $fields[ $key ] ) ) {
				$fields[ $key ] = $field + array(
					'key'  => $key,
					'type' => $type,
				);
			}
		}
		$always = array( 'name', 'email', 'message', 'privacy' );
		foreach ( $always as $type ) {
			if ( ! isset( $fields[ $type ] ) ) {
				$fields[ $type ] = $this->field( $type, array() ) + array(
					'key'  => $type,
					'type' => $type,
				);
			}
		}
		return $fields;
	}

	/**
	 * One field's settings, with translated defaults for what the editor left empty.
	 *
	 * @param string               $type  Field type (block name without cuadra/field-).
	 * @param array<string, mixed> $attrs Block attributes.
	 * @return array<string, mixed>|null Null for unknown blocks and for a department choice that does not apply.
	 */
	private function field( $type, array $attrs ) {
		$text  = static function ( $name ) use ( $attrs ) {
			return isset( $attrs[ $name ] ) && is_scalar( $attrs[ $name ] ) ? trim( (string) $attrs[ $name ] ) : '';
		};
		$label = static function ( $fallback ) use ( $text ) {
			$given = $text( 'label' );
			return '' !== $given ? $given : $fallback;
		};
		switch ( $type ) {
			case 'name':
				return array(
					'label'       => $label( __( 'Your name', 'cuadra' ) ),
					'placeholder' => $text( 'placeholder' ),
					'required'    => true,
				);
			case 'email':
				return array(
					'label'       => $label( __( 'Your e-mail address', 'cuadra' ) ),
					'placeholder' => $text( 'placeholder' ),
					'required'    => true,
				);
			case 'phone':
				return array(
					'label'       => $label( __( 'Your phone number', 'cuadra' ) ),
					'placeholder' => $text( 'placeholder' ),
					'required'    => ! empty( $attrs['required'] ),
				);
			case 'subject':
				return array(
					'label'       => $label( __( 'Subject', 'cuadra' ) ),
					'placeholder' => $text( 'placeholder' ),
					'required'    => ! empty( $attrs['required'] ),
				);
			case 'message':
				return array(
					'label'       => $label( __( 'Your message', 'cuadra' ) ),
					'placeholder' => $text( 'placeholder' ),
					'required'    => true,
				);
			case 'select':
				$options = isset( $attrs['options'] ) && is_array( $attrs['options'] ) ? array_values( array_unique( array_filter( array_map( 'trim', array_map( 'strval', array_filter( $attrs['options'], 'is_scalar' ) ) ), 'strlen' ) ) ) : array();
				if ( ! $options ) {
					return null;
				}
				return array(
					'label'    => $label( __( 'Choose an option', 'cuadra' ) ),
					'options'  => $options,
					'required' => ! empty( $attrs['required'] ),
					'multiple' => ! empty( $attrs['multiple'] ),
				);
			case 'privacy':
				$link_url = $text( 'linkUrl' );
				return array(
					'text'      => '' !== $text( 'text' ) ? $text( 'text' ) : __( 'I have read and accept the privacy policy.', 'cuadra' ),
					'link_text' => '' !== $text( 'linkText' ) ? $text( 'linkText' ) : __( 'Privacy policy', 'cuadra' ),
					'link_url'  => '' !== $link_url ? $link_url : get_privacy_policy_url(),
					'required'  => true,
				);
			case 'marketing':
				$consent = '' !== $text( 'text' ) ? $text( 'text' ) : __( 'I agree to receive news and offers by e-mail. I can unsubscribe at any time.', 'cuadra' );
				return array(
					'text'     => $consent,
					// Without an explicit version, a fingerprint of the text: a changed text is a new version.
					'version'  => '' !== $text( 'consentVersion' ) ? $text( 'consentVersion' ) : 'sha256:' . substr( hash( 'sha256', $consent ), 0, 12 ),
					'required' => false,
				);
			case 'department':
				$departments = array();
				if ( isset( $attrs['departments'] ) && is_array( $attrs['departments'] ) ) {
					foreach ( $attrs['departments'] as $department ) {
						if ( is_array( $department ) && isset( $department['id'] ) && (int) $department['id'] > 0 ) {
							$departments[ (int) $department['id'] ] = isset( $department['name'] ) ? (string) $department['name'] : (string) $department['id'];
						}
					}
				}
				if ( ! $this->settings['visitor_chooses'] || ! $departments ) {
					return null;
				}
				return array(
					'label'       => $label( __( 'Department', 'cuadra' ) ),
					'departments' => $departments,
					'required'    => true,
				);
		}
		return null;
	}

	/**
	 * The department a submission goes to: the visitor's choice, the form's department, or none (the
	 * service's default).
	 *
	 * @param int|null $chosen Department the visitor chose (already validated), if the form asks.
	 * @return int|null
	 */
	public function department_for( $chosen ) {
		if ( isset( $this->fields['department'] ) && $chosen ) {
			return (int) $chosen;
		}
		return $this->settings['department_id'] > 0 ? $this->settings['department_id'] : null;
	}
}
