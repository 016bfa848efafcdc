/** `npm run -s job -- <job> [--at <ISO instant>]`: runs one scheduled job once against the local stack. */
import { parseArgs } from 'node:util';
import { LOCAL_REGION, LOCAL_TABLE } from './local-stack.js';
import { localPorts } from './ports.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { at: { type: 'string' } } });
const jobName = positionals[0];
const at = values.at ? new Date(values.at) : new Date();
if (Number.isNaN(at.getTime())) {
  console.error(`--at must be an ISO instant such as 2027-01-01T09:00:00Z, not ${values.at}`);
  process.exit(2);
}

const { dynamoDbPort, sesPort } = localPorts();
Object.assign(process.env, {
  TABLE_NAME: LOCAL_TABLE,
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
  AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dynamoDbPort}`,
  AWS_ENDPOINT_URL_SES: `http://127.0.0.1:${sesPort}`,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

const { scheduledJobs } = await import('../../shared/jobs/scheduled-jobs.js');
const job = scheduledJobs[jobName as keyof typeof scheduledJobs];
if (!job) {
  console.error(`Unknown job ${jobName ?? '(none)'}. Jobs: ${Object.keys(scheduledJobs).join(', ')}`);
  process.exit(2);
}
console.log(JSON.stringify(await job(at), null, 2));
