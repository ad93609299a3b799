import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127150700-create-inbound-mail-failures',
  async up({ context: qi }) {
    const mysql = qi.sequelize.getDialect() !== 'sqlite';
    await qi.createTable(
      'cuadra_inbound_mail_failures',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        mailbox: { type: DataTypes.STRING(250), allowNull: false },
        uid_validity: { type: DataTypes.STRING(20), allowNull: false },
        uid: { type: DataTypes.BIGINT, allowNull: false },
        reason: { type: DataTypes.STRING(500), allowNull: false },
        raw: { type: mysql ? DataTypes.BLOB('long') : DataTypes.BLOB, allowNull: true },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    await qi.addIndex('cuadra_inbound_mail_failures', ['mailbox', 'uid_validity', 'uid'], {
      unique: true,
      name: 'cuadra_inbound_mail_failures_uid',
    });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_inbound_mail_failures');
  },
};
