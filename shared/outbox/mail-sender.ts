/** Sends one mail through SES (the SES emulator locally, via AWS_ENDPOINT_URL_SES). */
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { environment } from '../config/environment.js';
import type { MailMessage } from './message.js';

const ses = new SESClient({});

export async function sendMail(mail: MailMessage): Promise<void> {
  await ses.send(
    new SendEmailCommand({
      Source: environment.mailFrom,
      Destination: { ToAddresses: mail.to },
      Message: {
        Subject: { Data: mail.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
      },
    }),
  );
}
