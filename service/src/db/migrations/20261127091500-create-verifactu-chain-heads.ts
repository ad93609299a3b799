import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127091500-create-verifactu-chain-heads',
  async up({ context: qi }) {
    // The last link of each issuer's chain, locked while a record is appended.
    await qi.createTable('cuadra_verifactu_chain_heads', {
      issuer_tax_id: { type: DataTypes.STRING(20), primaryKey: true, allowNull: false },
      last_sequence: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      last_fingerprint: { type: DataTypes.STRING(64), allowNull: false, defaultValue: '' },
    });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_verifactu_chain_heads');
  },
};
