import { Op, type ModelStatic } from 'sequelize';
import type { RequestNonceRecord } from './models/request-nonce.model';

/** Remembers accepted signatures; answers false when one was already used (on any instance). */
export interface ReplayGuard {
  firstUse(signature: string, expiresAt: Date): Promise<boolean>;
}

export function createReplayGuard(model: ModelStatic<RequestNonceRecord>, now: () => Date): ReplayGuard {
  let insertsSinceSweep = 0;
  return {
    async firstUse(signature, expiresAt) {
      try {
        await model.create({ signature, expires_at: expiresAt });
      } catch (err) {
        if ((err as Error).name === 'SequelizeUniqueConstraintError') return false;
        throw err;
      }
      // Expired rows are swept now and then rather than by a timer, so idle instances do no work.
      insertsSinceSweep += 1;
      if (insertsSinceSweep >= 500) {
        insertsSinceSweep = 0;
        await model.destroy({ where: { expires_at: { [Op.lt]: now() } } });
      }
      return true;
    },
  };
}
