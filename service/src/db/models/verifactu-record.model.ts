import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

export interface VerifactuRecordRecord extends Model<
  InferAttributes<VerifactuRecordRecord>,
  InferCreationAttributes<VerifactuRecordRecord>
> {
  id: CreationOptional<number>;
  issuer_tax_id: string;
  sequence: number;
  record_type: string;
  invoice_id: number;
  /** JSON of the exact fields that were hashed. */
  fields: string;
  fingerprint: string;
  created_at: CreationOptional<Date>;
}

export interface VerifactuChainHeadRecord extends Model<
  InferAttributes<VerifactuChainHeadRecord>,
  InferCreationAttributes<VerifactuChainHeadRecord>
> {
  issuer_tax_id: string;
  last_sequence: number;
  last_fingerprint: string;
}

export function initVerifactuRecordModel(sequelize: Sequelize): ModelStatic<VerifactuRecordRecord> {
  return sequelize.define<VerifactuRecordRecord>(
    'VerifactuRecord',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      issuer_tax_id: { type: DataTypes.STRING(20), allowNull: false },
      sequence: { type: DataTypes.INTEGER, allowNull: false },
      record_type: { type: DataTypes.STRING(12), allowNull: false },
      invoice_id: { type: DataTypes.INTEGER, allowNull: false },
      fields: { type: DataTypes.TEXT, allowNull: false },
      fingerprint: { type: DataTypes.STRING(64), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_verifactu_records', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: false },
  );
}

export function initVerifactuChainHeadModel(sequelize: Sequelize): ModelStatic<VerifactuChainHeadRecord> {
  return sequelize.define<VerifactuChainHeadRecord>(
    'VerifactuChainHead',
    {
      issuer_tax_id: { type: DataTypes.STRING(20), primaryKey: true, allowNull: false },
      last_sequence: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      last_fingerprint: { type: DataTypes.STRING(64), allowNull: false, defaultValue: '' },
    },
    { tableName: 'cuadra_verifactu_chain_heads', timestamps: false },
  );
}
