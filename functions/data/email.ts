/**
 * Sending email: Amazon SES (API v2) on AWS; under `npm start` and in tests the same request goes
 * to the local server's SES stand-in (`SES_ENDPOINT`), which keeps every message in the local
 * outbox (`/_local/outbox`) instead of delivering it. The handlers and jobs never know which.
 *
 * One REST call, SendEmail (`POST /v2/email/outbound-emails`), signed by `shared/aws-request.ts`
 * rather than made through the SDK's SES client (63 KB plus its runtime in every bundle that mails).
 */
import { sendAwsRequest } from '../shared/aws-request.js';
import { emailConfig } from '../shared/config.js';
import { awsService } from './aws-services.js';

/** A plain-text email. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

const { AWS_REGION, EMAIL_FROM, SES_ENDPOINT } = emailConfig();

const ses = awsService('ses', AWS_REGION, `https://email.${AWS_REGION}.amazonaws.com`, SES_ENDPOINT);

/** The SendEmail request body for a message (SES API v2 `SendEmailRequest`). Pure. */
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
  const { text } = await sendAwsRequest(ses, {
    method: 'POST',
    path: '/v2/email/outbound-emails',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sendEmailInput(email)),
  });
  const { MessageId } = (text ? JSON.parse(text) : {}) as { MessageId?: string };
  return MessageId ?? '';
}
