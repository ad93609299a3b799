<?php
/**
 * The contact form's HTML, rendered on the server from the block as saved.
 *
 * @package Cuadra
 */

namespace Cuadra\Forms;

defined( 'ABSPATH' ) || exit;

/**
 * Accessible markup that works without JavaScript: labels, required marks, an error summary that
 * takes focus, aria-invalid + aria-describedby on fields with a problem, typed values kept.
 */
final class FormRenderer {

	/**
	 * HTML of one form block.
	 *
	 * @param array<string, mixed> $parsed_block The block as parsed (attributes and inner blocks).
	 * @param int                  $post_id      Post being shown.
	 * @return string
	 */
	public static function render( array $parsed_block, $post_id ) {
		$form   = new FormDefinition( $parsed_block, $post_id );
		$result = SubmissionHandler::pending_result( $form->post_id, $form->form_id );
		$anchor = 'cuadra-form-' . $form->form_id;

		if ( $result && 'sent' === $result['status'] ) {
			return sprintf(
				'<div %1$s><div class="cuadra-form__done" role="status" tabindex="-1" autofocus>%2$s</div></div>',
				get_block_wrapper_attributes(
					array(
						'class' => 'cuadra-form',
						'id'    => $anchor,
					)
				),
				esc_html( $result['message'] )
			);
		}

		$values = $result && is_array( $result['values'] ) ? $result['values'] : array();
		$errors = $result && is_array( $result['errors'] ) ? $result['errors'] : array();
		$notice = $result && 'invalid' !== $result['status'] ? (string) $result['message'] : '';

		$html  = '<div ' . get_block_wrapper_attributes(
			array(
				'class' => 'cuadra-form',
				'id'    => $anchor,
			)
		) . '>';
		$html .= sprintf(
			'<form class="cuadra-form__form" method="post" action="%1$s" novalidate data-endpoint="%2$s" data-failed="%3$s">',
			esc_url( admin_url( 'admin-post.php' ) ),
			esc_url( rest_url( 'cuadra/v1/contact-submissions' ) ),
			esc_attr__( 'The form could not be sent. Check your connection and try again; what you typed is still here.', 'cuadra' )
		);
		$html .= self::summary( $form, $errors, $notice, $result ? (string) $result['message'] : '' );
		$html .= '<input type="hidden" name="action" value="' . esc_attr( SubmissionHandler::ACTION ) . '">';
		$html .= '<input type="hidden" name="cuadra_post_id" value="' . esc_attr( (string) $form->post_id ) . '">';
		$html .= '<input type="hidden" name="cuadra_form_id" value="' . esc_attr( $form->form_id ) . '">';
		$html .= '<input type="hidden" name="cuadra_token" value="' . esc_attr( TimeToken::issue( $form->post_id, $form->form_id ) ) . '">';

		foreach ( $form->fields as $key => $field ) {
			$html .= self::field( $form, $field, isset( $values[ $key ] ) ? $values[ $key ] : null, isset( $errors[ $key ] ) ? (string) $errors[ $key ] : '' );
		}

		// The honeypot: hidden from people and assistive technology, filled by naive bots.
		$html .= sprintf(
			'<div class="cuadra-form__hp" aria-hidden="true"><label for="%1$s">%2$s</label><input type="text" id="%1$s" name="%3$s" value="" tabindex="-1" autocomplete="off"></div>',
			esc_attr( self::input_id( $form, 'website' ) ),
			esc_html__( 'Leave this field empty', 'cuadra' ),
			esc_attr( SubmissionHandler::HONEYPOT )
		);
		$html .= sprintf(
			'<button type="submit" class="cuadra-form__submit wp-element-button">%s</button>',
			esc_html( '' !== $form->settings['submit_label'] ? $form->settings['submit_label'] : __( 'Send', 'cuadra' ) )
		);
		$html .= '</form></div>';
		return $html;
	}

	/**
	 * The error summary: hidden until there is something to say; focused on load when there is.
	 *
	 * @param FormDefinition        $form    The form.
	 * @param array<string, string> $errors  Field errors.
	 * @param string                $notice  A message that is not about fields (stale form, rate limit).
	 * @param string                $heading Summary heading for field errors.
	 * @return string
	 */
	private static function summary( FormDefinition $form, array $errors, $notice, $heading ) {
		if ( ! $errors && '' === $notice ) {
			return '<div class="cuadra-form__summary" tabindex="-1" hidden></div>';
		}
		$html = '<div class="cuadra-form__summary" tabindex="-1" autofocus>';
		if ( '' !== $notice ) {
			$html .= '<p>' . esc_html( $notice ) . '</p>';
		}
		if ( $errors ) {
			$html .= '<p>' . esc_html( $heading ) . '</p><ul>';
			foreach ( $errors as $key => $message ) {
				$html .= sprintf( '<li><a href="#%1$s">%2$s</a></li>', esc_attr( self::input_id( $form, $key ) ), esc_html( $message ) );
			}
			$html .= '</ul>';
		}
		return $html . '</div>';
	}

	/**
	 * One field with its label, value and error.
	 *
	 * @param FormDefinition       $form  The form.
	 * @param array<string, mixed> $field Field definition.
	 * @param mixed                $value Typed value, or null.
	 * @param string               $error Problem to show, or ''.
	 * @return string
	 */
	private static function field( FormDefinition $form, array $field, $value, $error ) {
		$key      = $field['key'];
		$id       = self::input_id( $form, $key );
		$error_id = $id . '-error';
		$name     = 'cuadra[' . $key . ']';
		$text     = is_string( $value ) ? $value : '';
		$aria     = ( $field['required'] ? ' required aria-required="true"' : '' ) . ( '' !== $error ? ' aria-invalid="true" aria-describedby="' . esc_attr( $error_id ) . '"' : '' );
		$mark     = $field['required'] ? ' <span class="cuadra-form__required" aria-hidden="true">*</span>' : '';
		$label    = isset( $field['label'] ) ? '<label class="cuadra-form__label" for="' . esc_attr( $id ) . '">' . esc_html( $field['label'] ) . $mark . '</label>' : '';
		$control  = '';

		switch ( $field['type'] ) {
			case 'name':
			case 'email':
			case 'phone':
			case 'subject':
				$types    = array(
					'name'    => array( 'text', 'name' ),
					'email'   => array( 'email', 'email' ),
					'phone'   => array( 'tel', 'tel' ),
					'subject' => array( 'text', 'off' ),
				);
				$control .= sprintf(
					'<input class="cuadra-form__input" type="%1$s" id="%2$s" name="%3$s" value="%4$s" autocomplete="%5$s"%6$s%7$s>',
					$types[ $field['type'] ][0],
					esc_attr( $id ),
					esc_attr( $name ),
					esc_attr( $text ),
					$types[ $field['type'] ][1],
					'' !== $field['placeholder'] ? ' placeholder="' . esc_attr( $field['placeholder'] ) . '"' : '',
					$aria
				);
				break;
			case 'message':
				$control .= sprintf(
					'<textarea class="cuadra-form__input" id="%1$s" name="%2$s" rows="6"%3$s%4$s>%5$s</textarea>',
					esc_attr( $id ),
					esc_attr( $name ),
					'' !== $field['placeholder'] ? ' placeholder="' . esc_attr( $field['placeholder'] ) . '"' : '',
					$aria,
					esc_textarea( $text )
				);
				break;
			case 'select':
				if ( $field['multiple'] ) {
					$chosen = is_array( $value ) ? $value : array();
					$label  = '';
					$boxes  = '';
					foreach ( $field['options'] as $index => $option ) {
						$boxes .= sprintf(
							'<label class="cuadra-form__choice"><input type="checkbox" id="%1$s" name="%2$s[]" value="%3$s"%4$s%5$s> %6$s</label>',
							esc_attr( 0 === $index ? $id : $id . '-' . $index ),
							esc_attr( $name ),
							esc_attr( $option ),
							in_array( $option, $chosen, true ) ? ' checked' : '',
							'' !== $error ? ' aria-invalid="true" aria-describedby="' . esc_attr( $error_id ) . '"' : '',
							esc_html( $option )
						);
					}
					$control .= '<fieldset><legend class="cuadra-form__label">' . esc_html( $field['label'] ) . $mark . '</legend>' . $boxes . '</fieldset>';
					break;
				}
				$options = '<option value="">' . esc_html__( '— Choose —', 'cuadra' ) . '</option>';
				foreach ( $field['options'] as $option ) {
					$options .= sprintf( '<option value="%1$s"%2$s>%3$s</option>', esc_attr( $option ), selected( $text, $option, false ), esc_html( $option ) );
				}
				$control .= sprintf( '<select class="cuadra-form__input" id="%1$s" name="%2$s"%3$s>%4$s</select>', esc_attr( $id ), esc_attr( $name ), $aria, $options );
				break;
			case 'department':
				$options = '<option value="">' . esc_html__( '— Choose —', 'cuadra' ) . '</option>';
				foreach ( $field['departments'] as $department_id => $department_name ) {
					$options .= sprintf( '<option value="%1$d"%2$s>%3$s</option>', (int) $department_id, selected( $text, (string) $department_id, false ), esc_html( $department_name ) );
				}
				$control .= sprintf( '<select class="cuadra-form__input" id="%1$s" name="%2$s"%3$s>%4$s</select>', esc_attr( $id ), esc_attr( $name ), $aria, $options );
				break;
			case 'privacy':
			case 'marketing':
				$link = '';
				if ( 'privacy' === $field['type'] && '' !== $field['link_url'] ) {
					$link = sprintf( ' <a href="%1$s" target="_blank" rel="noopener">%2$s</a>', esc_url( $field['link_url'] ), esc_html( $field['link_text'] ) );
				}
				$control .= sprintf(
					'<label class="cuadra-form__choice" for="%1$s"><input type="checkbox" id="%1$s" name="%2$s" value="1"%3$s%4$s> %5$s%6$s</label>%7$s',
					esc_attr( $id ),
					esc_attr( $name ),
					! empty( $value ) ? ' checked' : '',
					$aria,
					esc_html( $field['text'] ),
					$mark,
					$link
				);
				$label    = '';
				break;
		}

		return sprintf(
			'<div class="cuadra-form__field" data-field="%1$s">%2$s%3$s<p class="cuadra-form__error" id="%4$s"%5$s>%6$s</p></div>',
			esc_attr( $key ),
			$label,
			$control,
			esc_attr( $error_id ),
			'' === $error ? ' hidden' : '',
			esc_html( $error )
		);
	}

	/**
	 * Id of a field's input: unique per form on the page.
	 *
	 * @param FormDefinition $form The form.
	 * @param string         $key  Field key.
	 * @return string
	 */
	private static function input_id( FormDefinition $form, $key ) {
		return 'cuadra-' . $form->form_id . '-' . str_replace( '_', '-', $key );
	}
}
