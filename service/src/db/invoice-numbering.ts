import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { insertIgnore } from './transactions';

/**
 * Gapless numbers: the counter row of (series, year) is incremented inside the issuing
 * transaction. The UPDATE takes the row lock, so concurrent issuers queue; a rollback returns the
 * number, so no number is ever skipped or given twice.
 */
export async function ensureCounter(sequelize: Sequelize, seriesId: number, year: number): Promise<void> {
  // Outside the issuing transaction: creating the row inside it would take gap locks under concurrency.
  await insertIgnore(sequelize, 'cuadra_invoice_counters', { series_id: seriesId, year, last_number: 0 });
}

/** Takes `count` consecutive numbers; returns the last one (the first is last − count + 1). */
export async function allocateInvoiceNumbers(
  sequelize: Sequelize,
  tx: Transaction,
  seriesId: number,
  year: number,
  count = 1,
): Promise<number> {
  await sequelize.query('UPDATE cuadra_invoice_counters SET last_number = last_number + ? WHERE series_id = ? AND year = ?', {
    replacements: [count, seriesId, year],
    transaction: tx,
  });
  const rows = await sequelize.query<{ last_number: number }>(
    'SELECT last_number FROM cuadra_invoice_counters WHERE series_id = ? AND year = ?',
    {
      replacements: [seriesId, year],
      type: QueryTypes.SELECT,
      transaction: tx,
    },
  );
  const n = Number(rows[0]?.last_number);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`Invoice counter for series ${seriesId}/${year} is missing`);
  return n;
}
