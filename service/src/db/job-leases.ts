import { Op, type ModelStatic } from 'sequelize';
import type { JobLeaseRecord } from './models/outbox.model';
import { queuedWrite } from './transactions';

export interface JobLeases {
  /** True when this holder now owns the lease (new, expired, or already its own). */
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

export function createJobLeases(model: ModelStatic<JobLeaseRecord>, now: () => Date): JobLeases {
  return {
    async acquire(name, holder, ttlMs) {
      const nowMs = now().getTime();
      try {
        await queuedWrite(model.sequelize!, () => model.create({ name, holder, expires_at: nowMs + ttlMs }));
        return true;
      } catch (err) {
        if ((err as Error).name !== 'SequelizeUniqueConstraintError') throw err;
      }
      // Taken: only an expired lease (a crashed instance) or our own may be renewed.
      const [affected] = await queuedWrite(model.sequelize!, () =>
        model.update({ holder, expires_at: nowMs + ttlMs }, { where: { name, [Op.or]: [{ expires_at: { [Op.lt]: nowMs } }, { holder }] } }),
      );
      return affected === 1;
    },
    async release(name, holder) {
      await queuedWrite(model.sequelize!, () => model.destroy({ where: { name, holder } }));
    },
  };
}
