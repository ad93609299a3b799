// The port for turning a self-contained HTML page into a PDF. Services depend on this interface
// only; the Chromium adapter implements it and tests use the real adapter.
import { ServiceUnavailableError } from '../../errors';

export interface PdfRenderOptions {
  /** Give up on this render after so many milliseconds (time spent queued is not counted). */
  timeoutMs?: number;
}

export interface PdfRenderer {
  /** The PDF bytes of `html`, printed as A4 unless the page's CSS says otherwise (`@page { size }`). */
  render(html: string, options?: PdfRenderOptions): Promise<Buffer>;
  /** Finishes the renders in progress, refuses new ones and releases the engine. Idempotent. */
  close(): Promise<void>;
}

export const PDF_RENDER_ERROR_CODES = [
  /** The engine died (crash, OOM kill) while this render was in flight; the next render starts a new one. */
  'PDF_BROWSER_CRASHED',
  /** The engine could not be started (missing binary, no memory…). */
  'PDF_BROWSER_LAUNCH_FAILED',
  'PDF_RENDER_TIMEOUT',
  /** Too many renders are already waiting. */
  'PDF_QUEUE_FULL',
  /** close() was called. */
  'PDF_RENDERER_CLOSED',
  /** Anything else the engine reported. */
  'PDF_RENDER_FAILED',
] as const;
export type PdfRenderErrorCode = (typeof PDF_RENDER_ERROR_CODES)[number];

/**
 * A render that did not produce a PDF. `retryable` says whether the same call may succeed later
 * (the outbox retries those with backoff); over HTTP it is a 503 like any unavailable dependency.
 */
export class PdfRenderError extends ServiceUnavailableError {
  declare readonly code: PdfRenderErrorCode;
  readonly retryable: boolean;

  constructor(code: PdfRenderErrorCode, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, code);
    this.retryable = options.retryable;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

export function isPdfRenderError(error: unknown): error is PdfRenderError {
  return error instanceof PdfRenderError;
}
