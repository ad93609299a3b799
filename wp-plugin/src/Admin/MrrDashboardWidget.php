<?php
/**
 * A compact MRR widget on the WordPress Dashboard.
 *
 * @package Cuadra
 */

namespace Cuadra\Admin;

use Cuadra\Capabilities;
use Cuadra\Service\ServiceClient;
use Cuadra\Service\StatusCache;

defined( 'ABSPATH' ) || exit;

/**
 * "Cuadra: recurring revenue" for people with cuadra_billing: MRR, its change since last month, ARR,
 * ARPA and paying customers, rendered on the server from GET /mrr/summary.
 */
final class MrrDashboardWidget {

	const WIDGET_ID = 'cuadra_mrr';

	/**
	 * Signed client.
	 *
	 * @var ServiceClient
	 */
	private $client;

	/**
	 * Creates the widget.
	 *
	 * @param ServiceClient|null $client Client to use.
	 */
	public function __construct( ?ServiceClient $client = null ) {
		$this->client = $client ? $client : new ServiceClient();
	}

	/**
	 * Hooks into WordPress.
	 */
	public function register() {
		add_action( 'wp_dashboard_setup', array( $this, 'add_widget' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'add_style' ) );
	}

	/**
	 * wp_dashboard_setup: the widget, only for people who may see billing figures.
	 */
	public function add_widget() {
		if ( ! current_user_can( Capabilities::BILLING ) ) {
			return;
		}
		wp_add_dashboard_widget(
			self::WIDGET_ID,
			__( 'Cuadra: recurring revenue', 'cuadra' ),
			array( $this, 'render' )
		);
	}

	/**
	 * admin_enqueue_scripts: a few lines of layout, on the Dashboard only.
	 *
	 * @param string $hook_suffix Current admin page.
	 */
	public function add_style( $hook_suffix ) {
		if ( 'index.php' !== $hook_suffix || ! current_user_can( Capabilities::BILLING ) ) {
			return;
		}
		wp_add_inline_style(
			'dashboard',
			'#cuadra_mrr .cuadra-mrr-widget__value{margin:0;font-size:2em;line-height:1.3;font-weight:600;font-variant-numeric:tabular-nums;}'
			. '#cuadra_mrr .cuadra-mrr-widget__change{margin:2px 0 12px;color:#50575e;}'
			. '#cuadra_mrr .cuadra-mrr-widget__change.is-up .cuadra-mrr-widget__arrow{color:#00a32a;}'
			. '#cuadra_mrr .cuadra-mrr-widget__change.is-down .cuadra-mrr-widget__arrow{color:#d63638;}'
			. '#cuadra_mrr .cuadra-mrr-widget__facts{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:8px;margin:0 0 12px;}'
			. '#cuadra_mrr .cuadra-mrr-widget__facts dt{color:#50575e;font-size:12px;}'
			. '#cuadra_mrr .cuadra-mrr-widget__facts dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums;}'
		);
	}

	/**
	 * The widget's content; a plain sentence when the figures cannot be had.
	 */
	public function render() {
		if ( ! current_user_can( Capabilities::BILLING ) ) {
			return;
		}
		$summary = $this->fetch_summary();
		echo '<div class="cuadra-mrr-widget">';
		if ( is_wp_error( $summary ) ) {
			printf(
				'<p class="cuadra-mrr-widget__unavailable">%s</p>',
				esc_html( $summary->get_error_message() )
			);
		} else {
			$this->render_summary( $summary );
		}
		printf(
			'<p class="cuadra-mrr-widget__link"><a href="%s">%s</a></p>',
			esc_url( Menu::home_url() ),
			esc_html__( 'Open Cuadra', 'cuadra' )
		);
		echo '</div>';
	}

	/**
	 * The figures.
	 *
	 * @param array<string, mixed> $summary GET /mrr/summary.
	 */
	private function render_summary( array $summary ) {
		$currency = isset( $summary['currency'] ) && is_string( $summary['currency'] ) ? $summary['currency'] : 'EUR';
		$change   = isset( $summary['change'] ) ? (int) $summary['change'] : 0;
		$percent  = isset( $summary['change_percent'] ) && is_numeric( $summary['change_percent'] ) ? (float) $summary['change_percent'] : null;

		if ( $change > 0 ) {
			$direction = 'up';
			$arrow     = '▲';
			$words     = __( 'Up', 'cuadra' );
			$sign      = '+';
		} elseif ( $change < 0 ) {
			$direction = 'down';
			$arrow     = '▼';
			$words     = __( 'Down', 'cuadra' );
			$sign      = '−';
		} else {
			$direction = 'flat';
			$arrow     = '■';
			$words     = __( 'No change', 'cuadra' );
			$sign      = '';
		}
		$signed = $sign . self::money( abs( $change ), $currency );
		if ( null !== $percent && 0 !== $change ) {
			/* translators: 1: percentage, e.g. 4,17 %; 2: amount with sign, e.g. +500,00 € */
			$change_text = sprintf( __( '%1$s (%2$s) vs. last month', 'cuadra' ), self::percent( abs( $percent ) ), $signed );
		} else {
			/* translators: %s: amount with sign, e.g. +500,00 € */
			$change_text = sprintf( __( '%s vs. last month', 'cuadra' ), $signed );
		}

		$facts = array(
			'arr'       => array( __( 'ARR', 'cuadra' ), self::money( (int) ( isset( $summary['arr'] ) ? $summary['arr'] : 0 ), $currency ) ),
			'arpa'      => array( __( 'ARPA', 'cuadra' ), self::money( (int) ( isset( $summary['arpa'] ) ? $summary['arpa'] : 0 ), $currency ) ),
			'customers' => array( __( 'Paying customers', 'cuadra' ), number_format( (int) ( isset( $summary['paying_customers'] ) ? $summary['paying_customers'] : 0 ), 0, '', self::thousands_separator() ) ),
		);
		?>
		<p class="cuadra-mrr-widget__value">
			<span class="screen-reader-text"><?php esc_html_e( 'Monthly recurring revenue', 'cuadra' ); ?>:</span>
			<?php echo esc_html( self::money( (int) ( isset( $summary['mrr'] ) ? $summary['mrr'] : 0 ), $currency ) ); ?>
		</p>
		<p class="cuadra-mrr-widget__change is-<?php echo esc_attr( $direction ); ?>">
			<span class="cuadra-mrr-widget__arrow" aria-hidden="true"><?php echo esc_html( $arrow ); ?></span>
			<span class="screen-reader-text"><?php echo esc_html( $words ); ?>:</span>
			<?php echo esc_html( $change_text ); ?>
		</p>
		<dl class="cuadra-mrr-widget__facts">
			<?php foreach ( $facts as $key => $fact ) : ?>
				<div class="cuadra-mrr-widget__fact cuadra-mrr-widget__fact--<?php echo esc_attr( $key ); ?>">
					<dt><?php echo esc_html( $fact[0] ); ?></dt>
					<dd><?php echo esc_html( $fact[1] ); ?></dd>
				</div>
			<?php endforeach; ?>
		</dl>
		<?php
	}

	/**
	 * GET /mrr/summary with the short timeout of page rendering; a WP_Error a person can read otherwise.
	 *
	 * @return array<string, mixed>|\WP_Error
	 */
	private function fetch_summary() {
		$unavailable = __( 'The recurring revenue cannot be shown right now because the Cuadra service cannot be reached.', 'cuadra' );
		if ( ! $this->client->connection()->is_configured() ) {
			return new \WP_Error( 'cuadra_service_not_configured', __( 'Cuadra is not connected to its service yet.', 'cuadra' ) );
		}
		// The notice above the widgets already says why; the Dashboard must not wait on a service known to be down.
		$health = StatusCache::health();
		if ( null !== $health && ! $health['ok'] ) {
			return new \WP_Error( 'cuadra_service_unreachable', $unavailable );
		}

		$response = $this->client->request( 'GET', '/mrr/summary', '', '', ServiceClient::QUICK_TIMEOUT );
		if ( is_wp_error( $response ) ) {
			return new \WP_Error( $response->get_error_code(), $unavailable );
		}
		$summary = json_decode( $response['body'], true );
		if ( 200 !== $response['status'] || ! is_array( $summary ) || ! isset( $summary['mrr'] ) || ! is_numeric( $summary['mrr'] ) ) {
			return new \WP_Error( 'cuadra_service_error', __( 'The recurring revenue cannot be shown right now. Open Cuadra to see what is wrong.', 'cuadra' ) );
		}
		return $summary;
	}

	/**
	 * An amount in minor units as the user's language writes it: "12.500,00 €" in Spanish, "€12,500.00" in English.
	 *
	 * @param int    $minor_units Amount.
	 * @param string $currency    ISO 4217 code.
	 * @return string
	 */
	public static function money( $minor_units, $currency ) {
		$sign   = $minor_units < 0 ? '−' : '';
		$number = number_format( abs( $minor_units ) / 100, 2, self::decimal_separator(), self::thousands_separator() );
		if ( 'EUR' === $currency ) {
			/* translators: %s: amount in euros, e.g. 1,234.56 */
			return $sign . sprintf( _x( '€%s', 'money in euros', 'cuadra' ), $number );
		}
		return $sign . $number . ' ' . $currency;
	}

	/**
	 * A percentage with up to two decimals: "4,17 %" in Spanish, "4.17%" in English.
	 *
	 * @param float $percent Value in percent.
	 * @return string
	 */
	public static function percent( $percent ) {
		$number = number_format( $percent, 2, '.', '' );
		$number = rtrim( rtrim( $number, '0' ), '.' );
		$number = str_replace( '.', self::decimal_separator(), $number );
		/* translators: %s: a number, e.g. 4.17; the result is a percentage */
		return sprintf( _x( '%s%%', 'percentage', 'cuadra' ), $number );
	}

	/**
	 * The decimal separator of the user's language (from Cuadra's own translations, which are always there).
	 *
	 * @return string
	 */
	private static function decimal_separator() {
		return _x( '.', 'decimal separator', 'cuadra' );
	}

	/**
	 * The thousands separator of the user's language.
	 *
	 * @return string
	 */
	private static function thousands_separator() {
		return _x( ',', 'thousands separator', 'cuadra' );
	}
}
