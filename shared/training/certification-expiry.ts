/**
 * The `training` schedule (daily; `npm run job -- training` locally): mails each dealer once per certification,
 * 30 days before it ends. Reads only what is due from the sharded warning index; each warning is a transaction
 * conditioned on the certification still ending then and not yet warned, so double or concurrent runs send once.
 */
import { randomUUID } from 'node:crypto';
import { environment } from '../config/environment.js';
import { CERT_DUE_SHARDS } from '../db/keys.js';
import { dealers } from '../db/setup-repository.js';
import { type Certification, trainingModules, trainingRecords } from '../db/training-repository.js';
import { certificationExpiringMail } from '../notifications/training-mails.js';

export interface CertificationWarningReport {
  due: number;
  warned: number;
}

const CONCURRENCY = 8;

async function warnOne(due: Certification, at: Date, report: CertificationWarningReport) {
  const [dealer, module] = await Promise.all([dealers.get(due.dealerId), trainingModules.get(due.moduleId)]);
  if (!dealer || !module || !due.expiresOn) return;
  const link = `${environment.portalBaseUrl}/training`;
  const mail = certificationExpiringMail({ id: randomUUID(), dealer, module, expiresOn: due.expiresOn, link });
  if (await trainingRecords.markWarned(due, mail, at)) report.warned++;
}

export async function warnExpiringCertifications(at: Date): Promise<CertificationWarningReport> {
  const report: CertificationWarningReport = { due: 0, warned: 0 };
  const day = at.toISOString().slice(0, 10);
  await Promise.all(
    Array.from({ length: CERT_DUE_SHARDS }, (_, shard) =>
      trainingRecords.forEachDue(shard, day, async (due) => {
        report.due += due.length;
        for (let i = 0; i < due.length; i += CONCURRENCY) {
          await Promise.all(due.slice(i, i + CONCURRENCY).map((c) => warnOne(c, at, report)));
        }
      }),
    ),
  );
  return report;
}
