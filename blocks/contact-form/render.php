<?php
/**
 * Server rendering of cuadra/contact-form (block.json "render"): the markup comes from the block as
 * saved, through the plugin's FormRenderer.
 *
 * @package Cuadra
 *
 * @var array    $attributes Block attributes.
 * @var string   $content    Rendered inner blocks (empty: the fields are drawn by the form).
 * @var WP_Block $block      The block.
 */

defined( 'ABSPATH' ) || exit;

$cuadra_post_id = isset( $block->context['postId'] ) ? (int) $block->context['postId'] : (int) get_the_ID();
echo \Cuadra\Forms\FormRenderer::render( $block->parsed_block, $cuadra_post_id ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped while built.
