/**
 * The local stand-in for Amazon SES's SendEmail (API v2): the functions' SES client is pointed here
 * (`SES_ENDPOINT`) under `npm start` and in tests, and every message lands in the local outbox
 * instead of being delivered. Only this machine may call it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import type { Outbox } from './outbox.js';

/** Where the stand-in answers: the SES client appends `/v2/email/outbound-emails` to it. */
export const sesStandInPath = '/_local/ses';
const sendEmailPath = `${sesStandInPath}/v2/email/outbound-emails`;

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** The part of SES v2's SendEmail request the finder sends: one recipient, a plain-text body. */
const sendEmailSchema = z.object({
  FromEmailAddress: z.string(),
  Destination: z.object({ ToAddresses: z.array(z.string()).min(1) }),
  Content: z.object({
    Simple: z.object({
      Subject: z.object({ Data: z.string() }),
      Body: z.object({ Text: z.object({ Data: z.string() }) }),
    }),
  }),
});

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** Answers a SendEmail call as SES would (`{ MessageId }`), keeping the message; false for any other path. */
export async function serveSesStandIn(outbox: Outbox, request: IncomingMessage, pathname: string, body: Buffer, response: ServerResponse): Promise<boolean> {
  if (!pathname.startsWith(sesStandInPath)) return false;
  if (!loopback.has(request.socket.remoteAddress ?? '') || request.method !== 'POST' || pathname !== sendEmailPath) {
    answer(response, 404, { message: 'Not found' });
    return true;
  }
  let parsed: z.ZodSafeParseResult<z.infer<typeof sendEmailSchema>>;
  try {
    parsed = sendEmailSchema.safeParse(JSON.parse(body.toString('utf8')));
  } catch {
    answer(response, 400, { message: 'The request body is not JSON' });
    return true;
  }
  if (!parsed.success) {
    // The shape SES gives a request it cannot take, so the SDK raises a BadRequestException.
    answer(response, 400, { message: `Not a SendEmail request the stand-in understands: ${parsed.error.issues[0]?.message ?? ''}` });
    return true;
  }
  const { Destination, Content } = parsed.data;
  const message = await outbox.send({ to: Destination.ToAddresses.join(', '), subject: Content.Simple.Subject.Data, text: Content.Simple.Body.Text.Data });
  answer(response, 200, { MessageId: message.id });
  return true;
}
