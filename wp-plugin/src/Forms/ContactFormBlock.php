<?php
/**
 * Registers the contact-form block and its field blocks from their built block.json files.
 *
 * @package Cuadra
 */

namespace Cuadra\Forms;

defined( 'ABSPATH' ) || exit;

/**
 * block.json is the single source of truth: scripts, style, render file and attributes come from it.
 */
final class ContactFormBlock {

	const FIELD_BLOCKS = array( 'field-name', 'field-email', 'field-phone', 'field-subject', 'field-message', 'field-select', 'field-privacy', 'field-marketing', 'field-department' );

	/**
	 * Hooks into WordPress.
	 */
	public function register() {
		add_action( 'init', array( $this, 'register_blocks' ) );
		add_action( 'init', array( SubmissionStore::class, 'maybe_install' ) );
		add_action( 'wp_enqueue_scripts', array( $this, 'drop_style_where_unused' ), 100 );
	}

	/**
	 * Folder of the built blocks.
	 *
	 * @return string
	 */
	public static function build_dir() {
		return CUADRA_PLUGIN_DIR . 'build/blocks/';
	}

	/**
	 * init: the parent block, then the fields (the parent's editor script registers them in JS).
	 */
	public function register_blocks() {
		if ( ! is_readable( self::build_dir() . 'contact-form/block.json' ) ) {
			return; // Not built (npm run build --workspace wp-plugin).
		}
		$form = register_block_type( self::build_dir() . 'contact-form' );
		foreach ( self::FIELD_BLOCKS as $field ) {
			register_block_type( self::build_dir() . $field );
		}
		if ( $form && ! empty( $form->editor_script_handles ) ) {
			foreach ( $form->editor_script_handles as $handle ) {
				wp_set_script_translations( $handle, 'cuadra', CUADRA_PLUGIN_DIR . 'languages' );
			}
		}
	}

	/**
	 * Classic themes load every registered block's style on every page; the form's style belongs only
	 * on pages that show a form. (If a form renders anyway, rendering enqueues the style again.)
	 */
	public function drop_style_where_unused() {
		if ( wp_should_load_separate_core_block_assets() ) {
			return; // WordPress already loads block styles only for blocks on the page.
		}
		$post = get_post();
		if ( is_singular() && $post && has_block( FormDefinition::BLOCK_NAME, $post ) ) {
			return;
		}
		$type = \WP_Block_Type_Registry::get_instance()->get_registered( FormDefinition::BLOCK_NAME );
		if ( $type ) {
			foreach ( $type->style_handles as $handle ) {
				wp_dequeue_style( $handle );
			}
		}
	}
}
