import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127100000-create-job-leases',
  async up({ context: qi }) {
    // A job takes its row before working, so several service instances never run it at once.
    await qi.createTable('cuadra_job_leases', {
      name: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
      holder: { type: DataTypes.STRING(64), allowNull: false },
      expires_at: { type: DataTypes.BIGINT, allowNull: false },
    });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_job_leases');
  },
};
