// What a WooCommerce store's answer means for Cuadra: the JSON, or a problem with a stable code, a
// message a shop owner can act on, whether trying again may help, and the raw answer for diagnosis.
import { WooTransportError, type WooResponse } from '../../adapters/woocommerce/woocommerce-client';
import { parseJsonBody } from '../../domain/orders/woo-order';

export type StoreProblemCode =
  | 'WRONG_KEYS'
  | 'AUTH_NOT_RECEIVED'
  | 'NO_PERMISSION'
  | 'HTTPS_REQUIRED'
  | 'REDIRECTED'
  | 'UNREACHABLE'
  | 'TIMEOUT'
  | 'NOT_WOOCOMMERCE'
  | 'HTML_INSTEAD_OF_JSON'
  | 'TRUNCATED_JSON'
  | 'EMPTY_RESPONSE'
  | 'URL_WITHOUT_SCHEME'
  | 'INVALID_URL'
  | 'RATE_LIMITED'
  | 'STORE_ERROR'
  | 'STORE_REFUSED'
  | 'INVALID_ORDER'
  | 'NO_KEYS';

export interface StoreProblem {
  code: StoreProblemCode;
  message: string;
  /** A later attempt may succeed without anyone changing anything (429, 5xx, timeouts, cut-off bodies). */
  retryable: boolean;
  /** Retry-After of a 429/503, in milliseconds. */
  retry_after_ms: number | null;
  /** HTTP status, or null when the store could not be reached. */
  status: number | null;
  /** The answer as received (status line, content type, body), truncated: what a person needs to diagnose. */
  raw: string | null;
}

export type StoreAnswer = { ok: true; json: unknown; headers: Record<string, string> } | { ok: false; problem: StoreProblem };

export const RAW_KEEP_CHARS = 4000;

export function rawOf(response: WooResponse): string {
  const type = response.headers['content-type'] ?? '';
  const head = `HTTP ${response.status}${type ? `\ncontent-type: ${type}` : ''}`;
  const body =
    response.body.length > RAW_KEEP_CHARS ? `${response.body.slice(0, RAW_KEEP_CHARS)}… [${response.body.length} bytes]` : response.body;
  return `${head}\n\n${body}`;
}

function retryAfterMs(value: string | undefined): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function problem(
  code: StoreProblemCode,
  message: string,
  response: WooResponse | null,
  extra: Partial<Pick<StoreProblem, 'retryable' | 'retry_after_ms'>> = {},
): { ok: false; problem: StoreProblem } {
  return {
    ok: false,
    problem: {
      code,
      message,
      retryable: extra.retryable ?? false,
      retry_after_ms: extra.retry_after_ms ?? null,
      status: response?.status ?? null,
      raw: response ? rawOf(response) : null,
    },
  };
}

/** A transport failure (nothing answered) as a store problem. */
export function transportProblem(error: WooTransportError): { ok: false; problem: StoreProblem } {
  return problem(error.code, error.message, null, { retryable: error.code === 'TIMEOUT' || error.code === 'UNREACHABLE' });
}

/** Reads one answer of the store at `storeUrl`. */
export function readStoreAnswer(response: WooResponse, storeUrl: string): StoreAnswer {
  const { status } = response;
  const isHtml = /^\s*</.test(response.body) || /text\/html/i.test(response.headers['content-type'] ?? '');
  const parsed = parseJsonBody(response.body);
  const json = parsed.ok ? (parsed.value as { code?: unknown; message?: unknown } | null) : null;
  const wooCode = json && typeof json === 'object' && typeof json.code === 'string' ? json.code : null;
  const wooMessage = json && typeof json === 'object' && typeof json.message === 'string' ? json.message.replace(/<[^>]*>/g, '') : '';

  if (status >= 300 && status < 400) {
    const location = response.headers.location ?? '';
    if (/^http:/i.test(storeUrl) && /^https:/i.test(location)) {
      return problem(
        'HTTPS_REQUIRED',
        `The store redirects to HTTPS (${location}): save the store URL with https:// — over plain HTTP the keys are signed for the wrong address.`,
        response,
      );
    }
    return problem('REDIRECTED', `The store redirects to ${location || 'another address'}: save that address as the store URL.`, response);
  }
  if (status === 429) {
    return problem('RATE_LIMITED', 'The store asks to slow down (429).', response, {
      retryable: true,
      retry_after_ms: retryAfterMs(response.headers['retry-after']),
    });
  }
  if (status >= 500) {
    return problem('STORE_ERROR', `The store failed with ${status}${wooMessage ? `: ${wooMessage}` : ''}.`, response, {
      retryable: true,
      retry_after_ms: retryAfterMs(response.headers['retry-after']),
    });
  }
  if (status === 401 || status === 403) {
    if (wooCode === 'woocommerce_rest_authentication_error') {
      return problem(
        'WRONG_KEYS',
        `The store refused the API keys (${wooMessage || wooCode}). Check the consumer key and secret under WooCommerce → Settings → Advanced → REST API.`,
        response,
      );
    }
    if (wooCode === 'woocommerce_rest_cannot_view' && status === 401) {
      return problem(
        'AUTH_NOT_RECEIVED',
        /^https:/i.test(storeUrl)
          ? 'The store did not receive the API keys: a proxy or the web server strips the Authorization header (allow it to pass, e.g. CGIPassAuth On).'
          : 'The store did not receive the API keys; over plain HTTP they travel signed in the query string — use the https:// address if the store has one.',
        response,
      );
    }
    if (wooCode === 'woocommerce_rest_cannot_view') {
      return problem('NO_PERMISSION', 'The API keys are valid but may not read orders: give them Read access.', response);
    }
    if (isHtml)
      return problem('HTML_INSTEAD_OF_JSON', `The store answered ${status} with an HTML page (a security plugin or firewall?).`, response);
    return problem('STORE_REFUSED', `The store refused with ${status}${wooCode ? ` (${wooCode})` : ''}.`, response);
  }
  if (status === 404) {
    if (wooCode === 'rest_no_route') {
      return problem(
        'NOT_WOOCOMMERCE',
        'WordPress answers, but the WooCommerce REST API is not there: is WooCommerce active at this address?',
        response,
      );
    }
    if (wooCode === 'woocommerce_rest_shop_order_invalid_id') return problem('STORE_REFUSED', 'The store has no such order.', response);
    return problem(
      'NOT_WOOCOMMERCE',
      'There is no WordPress REST API at this address (/wp-json not found): check the URL, and set permalinks to anything but "Plain" in WordPress → Settings → Permalinks.',
      response,
    );
  }
  if (status >= 400) {
    return problem(
      'STORE_REFUSED',
      `The store refused the request with ${status}${wooCode ? ` (${wooCode}: ${wooMessage})` : ''}.`,
      response,
    );
  }
  if (!parsed.ok) {
    if (parsed.error.code === 'TRUNCATED_JSON') {
      return problem('TRUNCATED_JSON', 'The store answer was cut off before the end (a timeout or a PHP error on the store).', response, {
        retryable: true,
      });
    }
    if (parsed.error.code === 'EMPTY_RESPONSE')
      return problem('EMPTY_RESPONSE', 'The store answered with an empty body.', response, { retryable: true });
    return problem('HTML_INSTEAD_OF_JSON', parsed.error.message, response);
  }
  return { ok: true, json: parsed.value, headers: response.headers };
}

/** Asks the store and reads the answer; transport failures become problems too. */
export async function askStore(get: () => Promise<WooResponse>, storeUrl: string): Promise<StoreAnswer> {
  try {
    return readStoreAnswer(await get(), storeUrl);
  } catch (error) {
    if (error instanceof WooTransportError) return transportProblem(error);
    throw error;
  }
}
