import type { ChainRecord } from '../../domain/billing/verifactu';

/**
 * The port through which VERI*FACTU records will reach the tax agency (AEAT's web service needs the
 * company's certificate and the network). Records are already produced and chained locally; no
 * adapter implements this port yet, and nothing is sent.
 */
export interface AeatRecordSubmission {
  /** Sends records in chain order; answers per record whether AEAT accepted it, with its CSV code. */
  submit(records: ChainRecord[]): Promise<{ fingerprint: string; accepted: boolean; csv?: string; error?: string }[]>;
}
