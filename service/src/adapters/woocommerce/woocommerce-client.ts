// The only code that talks to a WooCommerce store: @woocommerce/woocommerce-rest-api signs each
// request (Basic auth over HTTPS, one-legged OAuth 1.0a over plain HTTP). Answers come back raw —
// status, headers and body text — so callers can tell HTML pages and cut-off JSON from real errors.
import http from 'node:http';
import https from 'node:https';
import WooCommerceRestApiModule from '@woocommerce/woocommerce-rest-api';

// The package's CommonJS build exports the class as `default`.
const WooCommerceRestApi = ((WooCommerceRestApiModule as unknown as { default?: unknown }).default ??
  WooCommerceRestApiModule) as typeof WooCommerceRestApiModule;

export interface WooCommerceCredentials {
  url: string;
  consumer_key: string;
  consumer_secret: string;
}

export interface WooResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

export type WooTransportProblem = 'UNREACHABLE' | 'TIMEOUT' | 'URL_WITHOUT_SCHEME' | 'INVALID_URL';

/** The store could not be asked at all (DNS, refused, TLS, timeout, an unusable URL). */
export class WooTransportError extends Error {
  constructor(
    readonly code: WooTransportProblem,
    message: string,
  ) {
    super(message);
    this.name = 'WooTransportError';
  }
}

/** The port: one signed GET against wc/v3 with query parameters. */
export interface WooCommerceClient {
  get(endpoint: string, params?: Record<string, string | number>): Promise<WooResponse>;
}

export type WooCommerceClientFactory = (credentials: WooCommerceCredentials) => WooCommerceClient;

/** A store URL usable by the client, or the transport problem that explains why not. */
export function checkStoreUrl(url: string): WooTransportError | null {
  const trimmed = url.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    return new WooTransportError('URL_WITHOUT_SCHEME', `"${trimmed}" has no scheme: write it as https://${trimmed.replace(/^\/+/, '')}.`);
  }
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      return new WooTransportError('INVALID_URL', `"${trimmed}" is not a web address (use https://).`);
    }
  } catch {
    return new WooTransportError('INVALID_URL', `"${trimmed}" is not a valid web address.`);
  }
  return null;
}

function transportMessage(error: { code?: string; message?: string }, url: string): WooTransportError {
  const code = error.code ?? '';
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(error.message ?? '')) {
    return new WooTransportError('TIMEOUT', `The store at ${url} did not answer in time.`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new WooTransportError('UNREACHABLE', `The host of ${url} does not exist (DNS): check the store URL.`);
  }
  if (code === 'ECONNREFUSED') return new WooTransportError('UNREACHABLE', `Nothing answers at ${url} (connection refused).`);
  if (/CERT|SSL|TLS|self.signed/i.test(`${code} ${error.message ?? ''}`)) {
    return new WooTransportError('UNREACHABLE', `The store's HTTPS certificate is not valid for ${url}: ${error.message ?? code}.`);
  }
  return new WooTransportError('UNREACHABLE', `The store at ${url} cannot be reached: ${error.message ?? code}.`);
}

/** The real client, with keep-alive connections and a timeout; redirects are answered, not followed. */
export function createWooCommerceClientFactory(
  options: { timeoutMs?: number; rejectUnauthorized?: boolean } = {},
): WooCommerceClientFactory {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 4, rejectUnauthorized: options.rejectUnauthorized ?? true });
  return (credentials) => {
    const problem = checkStoreUrl(credentials.url);
    const api = problem
      ? null
      : new WooCommerceRestApi({
          url: credentials.url.trim().replace(/\/+$/, ''),
          consumerKey: credentials.consumer_key,
          consumerSecret: credentials.consumer_secret,
          version: 'wc/v3',
          timeout: options.timeoutMs ?? 20_000,
          axiosConfig: {
            // Raw text, every status, no redirects: the caller classifies the answer itself.
            responseType: 'text',
            transformResponse: [(data: unknown) => data],
            validateStatus: () => true,
            maxRedirects: 0,
            httpAgent,
            httpsAgent,
          },
        });
    return {
      async get(endpoint, params = {}) {
        if (!api) throw problem!;
        const stringParams = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
        try {
          const response = await api.get(endpoint, stringParams);
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers as Record<string, unknown>)) {
            if (value !== undefined && value !== null)
              headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
          }
          const data: unknown = response.data;
          return {
            status: response.status,
            headers,
            body: typeof data === 'string' ? data : data === undefined ? '' : JSON.stringify(data),
          };
        } catch (error) {
          throw transportMessage(error as { code?: string; message?: string }, credentials.url);
        }
      },
    };
  };
}
