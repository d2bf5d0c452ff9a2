import type { EntityManager } from '@mikro-orm/knex';
import type { Database } from '../../db/database.js';
import type { MailConfig } from '../../config.js';
import { Complaint, ComplaintStatus } from '../../complaints/complaint.entity.js';
import { alertSlaBreach } from '../../complaints/complaint.service.js';

/**
 * Demo: the alerts the SLA check would have written for the seeded open
 * complaints whose breach is already recorded (the seed writes history
 * directly), so the Outbox starts with the messages a running Rapport has.
 * Writes only outbox rows.
 */
export async function seedDemoOutbox(db: Database, mail: MailConfig, now: Date): Promise<void> {
  await db.fork().transactional(async (tx) => {
    const em = tx as EntityManager;
    const breached = await em.find(
      Complaint,
      { status: { $in: [ComplaintStatus.NEW, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.IN_PROGRESS] }, $or: [{ firstResponseBreachedAt: { $ne: null } }, { resolutionBreachedAt: { $ne: null } }] },
      { orderBy: { id: 'asc' } },
    );
    for (const complaint of breached) {
      await alertSlaBreach(em, [], mail, now, complaint, complaint.resolutionBreachedAt ? 'RESOLUTION' : 'FIRST_RESPONSE');
    }
    await em.flush();
  });
}
