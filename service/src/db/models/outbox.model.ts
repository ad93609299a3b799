import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** A side effect (an e-mail) recorded in the business transaction and carried out later, with retries. */
export interface OutboxRecord extends Model<InferAttributes<OutboxRecord>, InferCreationAttributes<OutboxRecord>> {
  id: CreationOptional<number>;
  kind: string;
  /** Makes enqueueing idempotent: the same side effect is recorded once. */
  dedupe_key: string;
  payload: string;
  status: OutboxStatus;
  attempts: CreationOptional<number>;
  next_attempt_at: Date;
  last_error: string | null;
  message_id: string | null;
  sent_at: Date | null;
  created_at: CreationOptional<Date>;
  updated_at: CreationOptional<Date>;
}

export interface JobLeaseRecord extends Model<InferAttributes<JobLeaseRecord>, InferCreationAttributes<JobLeaseRecord>> {
  name: string;
  holder: string;
  expires_at: number;
}

export function initOutboxModel(sequelize: Sequelize): ModelStatic<OutboxRecord> {
  return sequelize.define<OutboxRecord>(
    'Outbox',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      kind: { type: DataTypes.STRING(40), allowNull: false },
      dedupe_key: { type: DataTypes.STRING(120), allowNull: false, unique: true },
      payload: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(12), allowNull: false },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      next_attempt_at: { type: DataTypes.DATE(3), allowNull: false },
      last_error: { type: DataTypes.STRING(500), allowNull: true },
      message_id: { type: DataTypes.STRING(250), allowNull: true },
      sent_at: { type: DataTypes.DATE(3), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_outbox', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
}

export function initJobLeaseModel(sequelize: Sequelize): ModelStatic<JobLeaseRecord> {
  return sequelize.define<JobLeaseRecord>(
    'JobLease',
    {
      name: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
      holder: { type: DataTypes.STRING(64), allowNull: false },
      expires_at: { type: DataTypes.BIGINT, allowNull: false },
    },
    { tableName: 'cuadra_job_leases', timestamps: false },
  );
}
