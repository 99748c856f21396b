/**
 * Sending email: Amazon SES (API v2) on AWS; under `npm start` and in tests the same client talks
 * to the local server's SES stand-in (`SES_ENDPOINT`), which keeps every message in the local
 * outbox (`/_local/outbox`) instead of delivering it. The handlers and jobs never know which.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { emailConfig } from '../shared/config.js';

/** A plain-text email. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

const { AWS_REGION, EMAIL_FROM, SES_ENDPOINT } = emailConfig();

const ses = new SESv2Client({
  region: AWS_REGION,
  ...(SES_ENDPOINT ? { endpoint: SES_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});

/** The SendEmail input for a message. Pure. */
export function sendEmailInput(email: OutgoingEmail, from: string = EMAIL_FROM) {
  return {
    FromEmailAddress: from,
    Destination: { ToAddresses: [email.to] },
    Content: {
      Simple: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
      },
    },
  };
}

/** Sends one email; returns SES's message id. */
export async function sendEmail(email: OutgoingEmail): Promise<string> {
  const { MessageId } = await ses.send(new SendEmailCommand(sendEmailInput(email)));
  return MessageId ?? '';
}
