<?php
/**
 * Tells people, in plain words, when Cuadra cannot talk to its service.
 *
 * @package Cuadra
 */

namespace Cuadra\Admin;

use Cuadra\Capabilities;
use Cuadra\Service\ConnectionCheck;

defined( 'ABSPATH' ) || exit;

/**
 * Admin notices on Cuadra's pages and the Dashboard, from a health check cached ~30 s.
 */
final class ServiceNotice {

	/**
	 * Runs the (cached) check.
	 *
	 * @var ConnectionCheck
	 */
	private $check;

	/**
	 * Creates the notice.
	 *
	 * @param ConnectionCheck|null $check Check to use.
	 */
	public function __construct( ?ConnectionCheck $check = null ) {
		$this->check = $check ? $check : new ConnectionCheck();
	}

	/**
	 * Hooks into WordPress.
	 */
	public function register() {
		add_action( 'admin_notices', array( $this, 'render' ) );
	}

	/**
	 * admin_notices.
	 */
	public function render() {
		if ( ! Capabilities::current_user_has_any() ) {
			return;
		}
		$screen       = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		$on_dashboard = $screen && 'dashboard' === $screen->id;
		$on_cuadra    = Menu::is_cuadra_page();
		if ( ! $on_dashboard && ! $on_cuadra ) {
			return;
		}

		$health = $this->check->cached();
		if ( $health['ok'] ) {
			return;
		}

		if ( 'not_configured' === $health['code'] ) {
			if ( $on_cuadra ) {
				$this->print_notice(
					'notice-warning',
					__( 'Cuadra is not connected to its service yet.', 'cuadra' ),
					current_user_can( Capabilities::MANAGE )
						? __( 'Enter the service URL and shared secret in Cuadra settings.', 'cuadra' )
						: __( 'Ask an administrator to connect it.', 'cuadra' )
				);
			}
			return;
		}

		$this->print_notice(
			'notice-error',
			$health['message'],
			current_user_can( Capabilities::MANAGE )
				? __( 'Open Cuadra settings to check the connection.', 'cuadra' )
				: __( 'Tell an administrator so they can check the connection.', 'cuadra' )
		);
	}

	/**
	 * Prints one notice; the link to Settings appears for people who can use it.
	 *
	 * @param string $type      notice-error or notice-warning.
	 * @param string $message   What is wrong.
	 * @param string $next_step What to do about it.
	 */
	private function print_notice( $type, $message, $next_step ) {
		global $plugin_page;
		$link = current_user_can( Capabilities::MANAGE ) && Menu::SETTINGS_SLUG !== $plugin_page;
		?>
		<div class="notice <?php echo esc_attr( $type ); ?> cuadra-service-notice">
			<p>
				<strong><?php esc_html_e( 'Cuadra:', 'cuadra' ); ?></strong>
				<?php echo esc_html( $message ); ?>
				<?php if ( $link ) : ?>
					<a href="<?php echo esc_url( Menu::settings_url() ); ?>"><?php echo esc_html( $next_step ); ?></a>
				<?php elseif ( ! current_user_can( Capabilities::MANAGE ) ) : ?>
					<?php echo esc_html( $next_step ); ?>
				<?php endif; ?>
			</p>
		</div>
		<?php
	}
}
