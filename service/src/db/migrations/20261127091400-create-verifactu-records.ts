import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127091400-create-verifactu-records',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_verifactu_records',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        issuer_tax_id: { type: DataTypes.STRING(20), allowNull: false },
        sequence: { type: DataTypes.INTEGER, allowNull: false },
        record_type: { type: DataTypes.STRING(12), allowNull: false },
        invoice_id: { type: DataTypes.INTEGER, allowNull: false },
        fields: { type: DataTypes.TEXT, allowNull: false },
        fingerprint: { type: DataTypes.STRING(64), allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    // The chain order: one record per position per issuer.
    await qi.addIndex('cuadra_verifactu_records', ['issuer_tax_id', 'sequence'], { unique: true, name: 'cuadra_verifactu_records_chain' });
    await qi.addIndex('cuadra_verifactu_records', ['invoice_id'], { name: 'cuadra_verifactu_records_invoice' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_verifactu_records');
  },
};
