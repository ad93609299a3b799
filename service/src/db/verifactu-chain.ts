import { QueryTypes, type ModelStatic, type Sequelize, type Transaction } from 'sequelize';
import type { ChainRecord } from '../domain/billing/verifactu';
import type { VerifactuRecordRecord } from './models/verifactu-record.model';
import { dialectOf } from './database';
import { insertIgnore } from './transactions';

export async function ensureChainHead(sequelize: Sequelize, issuerTaxId: string): Promise<void> {
  await insertIgnore(sequelize, 'cuadra_verifactu_chain_heads', { issuer_tax_id: issuerTaxId, last_sequence: 0, last_fingerprint: '' });
}

/** The issuer's chain in order, as stored, for verification. */
export async function loadChain(records: ModelStatic<VerifactuRecordRecord>, issuerTaxId: string): Promise<ChainRecord[]> {
  const rows = await records.findAll({ where: { issuer_tax_id: issuerTaxId }, order: [['sequence', 'ASC']] });
  return rows.map((row) => ({ type: row.record_type, fields: JSON.parse(row.fields), fingerprint: row.fingerprint }) as ChainRecord);
}

/**
 * Appends records to the issuer's chain, in order, inside the caller's transaction. The head row is
 * locked first, so records of one issuer are chained strictly one after another; one bulk insert.
 */
export async function appendChainRecords(
  sequelize: Sequelize,
  records: ModelStatic<VerifactuRecordRecord>,
  tx: Transaction,
  issuerTaxId: string,
  entries: { invoiceId: number; build: (previousFingerprint: string | null) => ChainRecord }[],
): Promise<void> {
  if (entries.length === 0) return;
  const lock = dialectOf(sequelize) === 'mysql' ? ' FOR UPDATE' : '';
  const [head] = await sequelize.query<{ last_sequence: number; last_fingerprint: string }>(
    `SELECT last_sequence, last_fingerprint FROM cuadra_verifactu_chain_heads WHERE issuer_tax_id = ?${lock}`,
    { replacements: [issuerTaxId], type: QueryTypes.SELECT, transaction: tx },
  );
  if (!head) throw new Error('VERI*FACTU chain head missing');
  let previous = head.last_fingerprint === '' ? null : head.last_fingerprint;
  let sequence = Number(head.last_sequence);
  const rows = entries.map((entry) => {
    const record = entry.build(previous);
    previous = record.fingerprint;
    sequence += 1;
    return {
      issuer_tax_id: issuerTaxId,
      sequence,
      record_type: record.type,
      invoice_id: entry.invoiceId,
      fields: JSON.stringify(record.fields),
      fingerprint: record.fingerprint,
    };
  });
  await records.bulkCreate(rows, { transaction: tx });
  await sequelize.query('UPDATE cuadra_verifactu_chain_heads SET last_sequence = ?, last_fingerprint = ? WHERE issuer_tax_id = ?', {
    replacements: [sequence, previous, issuerTaxId],
    transaction: tx,
  });
}
