<?php
/**
 * Server-side checks of a contact-form submission, with the same rules as the service.
 *
 * @package Cuadra
 */

namespace Cuadra\Forms;

defined( 'ABSPATH' ) || exit;

/**
 * Reads only the fields the form definition has; anything else the browser sends is ignored.
 */
final class SubmissionValidator {

	// Line breaks in a name or subject are how e-mail header injection starts.
	const CONTROL_CHARACTERS = '/[\x{0000}-\x{001F}\x{007F}\x{0085}\x{2028}\x{2029}]/u';

	// Keeps tabs and line breaks of a message, drops the rest of C0 and DEL.
	const MESSAGE_CONTROL_CHARACTERS = '/[\x{0000}-\x{0008}\x{000B}\x{000C}\x{000E}-\x{001F}\x{007F}]/u';

	// Same as the service: no spaces, quotes or separators in the local part; a domain with a TLD.
	const EMAIL_ADDRESS = '/^[^\s@"<>()\[\]\\\\,;:\p{Cc}]{1,64}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u';

	/**
	 * Checks the posted values.
	 *
	 * @param FormDefinition       $form The form as saved in its post.
	 * @param array<string, mixed> $raw  Posted values by input name (already unslashed).
	 * @return array{values: array<string, mixed>, errors: array<string, string>} Clean values (for the
	 *         service) and, per field key, the first problem found.
	 */
	public static function validate( FormDefinition $form, array $raw ) {
		$values = array();
		$errors = array();
		foreach ( $form->fields as $key => $field ) {
			$given = isset( $raw[ $key ] ) ? $raw[ $key ] : null;
			switch ( $field['type'] ) {
				case 'name':
				case 'subject':
					$value          = self::text( $given );
					$values[ $key ] = trim( $value );
					$error          = self::line_error( $values[ $key ], $field );
					break;
				case 'email':
					$values[ $key ] = trim( self::text( $given ) );
					$error          = self::email_error( $values[ $key ] );
					break;
				case 'phone':
					$values[ $key ] = trim( self::text( $given ) );
					$error          = self::phone_error( $values[ $key ], $field );
					break;
				case 'message':
					$message        = preg_replace( "/\r\n?/", "\n", self::text( $given ) );
					$values[ $key ] = trim( (string) preg_replace( self::MESSAGE_CONTROL_CHARACTERS, '', (string) $message ) );
					$error          = self::message_error( $values[ $key ] );
					break;
				case 'select':
					list( $values[ $key ], $error ) = self::select( $given, $field );
					break;
				case 'department':
					$chosen         = is_scalar( $given ) && preg_match( '/^\d+$/', (string) $given ) ? (int) $given : 0;
					$values[ $key ] = isset( $field['departments'][ $chosen ] ) ? $chosen : null;
					$error          = null === $values[ $key ] ? __( 'Choose one of the departments.', 'cuadra' ) : null;
					break;
				case 'privacy':
					$values[ $key ] = self::checked( $given );
					$error          = $values[ $key ] ? null : __( 'Accept the privacy policy to send the form.', 'cuadra' );
					break;
				case 'marketing':
					$values[ $key ] = self::checked( $given );
					$error          = null;
					break;
				default:
					$error = null;
			}
			if ( null !== $error ) {
				$errors[ $key ] = $error;
			}
		}
		return array(
			'values' => $values,
			'errors' => $errors,
		);
	}

	/**
	 * A posted scalar as valid UTF-8 text ('' for anything else).
	 *
	 * @param mixed $given Posted value.
	 * @return string
	 */
	private static function text( $given ) {
		return is_scalar( $given ) ? wp_check_invalid_utf8( (string) $given, true ) : '';
	}

	/**
	 * Characters as a person counts them (code points: an emoji is one).
	 *
	 * @param string $value Text.
	 * @return int
	 */
	public static function length( $value ) {
		return (int) preg_match_all( '/./us', $value );
	}

	/**
	 * Name or subject: one line, at most 200 characters.
	 *
	 * @param string               $value Trimmed value.
	 * @param array<string, mixed> $field Field definition.
	 * @return string|null
	 */
	private static function line_error( $value, array $field ) {
		if ( '' === $value ) {
			return $field['required'] ? self::required( $field ) : null;
		}
		if ( preg_match( self::CONTROL_CHARACTERS, $value ) ) {
			return __( 'Write this on a single line, without line breaks or control characters.', 'cuadra' );
		}
		if ( self::length( $value ) > FormDefinition::LINE_MAX_CHARS ) {
			/* translators: %s: the maximum number of characters. */
			return sprintf( __( 'At most %s characters.', 'cuadra' ), number_format_i18n( FormDefinition::LINE_MAX_CHARS ) );
		}
		return null;
	}

	/**
	 * E-mail address.
	 *
	 * @param string $value Trimmed value.
	 * @return string|null
	 */
	private static function email_error( $value ) {
		if ( '' === $value ) {
			return __( 'Enter your e-mail address so we can answer you.', 'cuadra' );
		}
		if ( strlen( $value ) > 254 || ! preg_match( self::EMAIL_ADDRESS, $value ) ) {
			return __( 'Enter a valid e-mail address, like name@example.com.', 'cuadra' );
		}
		return null;
	}

	/**
	 * Phone number.
	 *
	 * @param string               $value Trimmed value.
	 * @param array<string, mixed> $field Field definition.
	 * @return string|null
	 */
	private static function phone_error( $value, array $field ) {
		if ( '' === $value ) {
			return $field['required'] ? self::required( $field ) : null;
		}
		if ( strlen( $value ) > 40 || ! preg_match( '/^[+()\d\s.\/-]*$/', $value ) ) {
			return __( 'Use digits, spaces and + ( ) . - only.', 'cuadra' );
		}
		return null;
	}

	/**
	 * Message: required, at most 20,000 characters.
	 *
	 * @param string $value Cleaned value.
	 * @return string|null
	 */
	private static function message_error( $value ) {
		if ( '' === $value ) {
			return __( 'Write your message.', 'cuadra' );
		}
		$length = self::length( $value );
		if ( $length > FormDefinition::MESSAGE_MAX_CHARS ) {
			return sprintf(
				/* translators: 1: the maximum number of characters, 2: how many the message has. */
				__( 'Your message is too long: at most %1$s characters, and it has %2$s.', 'cuadra' ),
				number_format_i18n( FormDefinition::MESSAGE_MAX_CHARS ),
				number_format_i18n( $length )
			);
		}
		return null;
	}

	/**
	 * A choice among the offered options (several for a multiple choice).
	 *
	 * @param mixed                $given Posted value.
	 * @param array<string, mixed> $field Field definition.
	 * @return array{0: string|string[], 1: string|null}
	 */
	private static function select( $given, array $field ) {
		if ( $field['multiple'] ) {
			$chosen = is_array( $given ) ? array_values( array_unique( array_map( array( self::class, 'text' ), $given ) ) ) : ( is_scalar( $given ) && '' !== (string) $given ? array( self::text( $given ) ) : array() );
			if ( array_diff( $chosen, $field['options'] ) ) {
				return array( array_values( array_intersect( $chosen, $field['options'] ) ), __( 'Choose from the offered options.', 'cuadra' ) );
			}
			return array( $chosen, $field['required'] && ! $chosen ? __( 'Choose at least one option.', 'cuadra' ) : null );
		}
		$chosen = self::text( $given );
		if ( '' !== $chosen && ! in_array( $chosen, $field['options'], true ) ) {
			return array( '', __( 'Choose from the offered options.', 'cuadra' ) );
		}
		return array( $chosen, $field['required'] && '' === $chosen ? __( 'Choose an option.', 'cuadra' ) : null );
	}

	/**
	 * Whether a checkbox was ticked (an unticked one is not posted at all).
	 *
	 * @param mixed $given Posted value.
	 * @return bool
	 */
	private static function checked( $given ) {
		return is_scalar( $given ) && in_array( (string) $given, array( '1', 'on', 'yes', 'true' ), true );
	}

	/**
	 * "X is required" for a field.
	 *
	 * @param array<string, mixed> $field Field definition.
	 * @return string
	 */
	private static function required( array $field ) {
		/* translators: %s: the label of a form field. */
		return sprintf( __( 'Fill in "%s".', 'cuadra' ), $field['label'] );
	}
}
