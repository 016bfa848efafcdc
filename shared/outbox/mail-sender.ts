/**
 * Sends one mail through SES (the SES emulator locally, via AWS_ENDPOINT_URL_SES). The client is loaded and made
 * on the first mail, so functions whose requests send none never initialise it.
 */
import type { SESClient } from '@aws-sdk/client-ses';
import { environment } from '../config/environment.js';
import type { MailMessage } from './message.js';

let ses: Promise<{ client: SESClient; SendEmailCommand: typeof import('@aws-sdk/client-ses').SendEmailCommand }> | undefined;
const sesClient = () =>
  (ses ??= import('@aws-sdk/client-ses').then(({ SESClient, SendEmailCommand }) => ({ client: new SESClient({}), SendEmailCommand })));

export async function sendMail(mail: MailMessage): Promise<void> {
  const { client, SendEmailCommand } = await sesClient();
  await client.send(
    new SendEmailCommand({
      Source: environment.mailFrom,
      ...(environment.sesConfigurationSet ? { ConfigurationSetName: environment.sesConfigurationSet } : {}),
      Destination: { ToAddresses: mail.to },
      Message: {
        Subject: { Data: mail.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
      },
    }),
  );
}
