import { DataTypes, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** Signatures already accepted, kept for the replay window so no instance accepts one twice. */
export interface RequestNonceRecord extends Model<InferAttributes<RequestNonceRecord>, InferCreationAttributes<RequestNonceRecord>> {
  signature: string;
  expires_at: Date;
}

export function initRequestNonceModel(sequelize: Sequelize): ModelStatic<RequestNonceRecord> {
  return sequelize.define<RequestNonceRecord>(
    'RequestNonce',
    {
      signature: { type: DataTypes.CHAR(64), primaryKey: true },
      expires_at: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'cuadra_request_nonces', timestamps: false, indexes: [{ fields: ['expires_at'] }] },
  );
}
