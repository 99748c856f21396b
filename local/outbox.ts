/**
 * The local outbox: the stand-in for Amazon SES under `npm start`. Nothing is delivered; every
 * message is kept so a developer can read it at `/_local/outbox` and a script or test at
 * `/_local/outbox.json`.
 *
 * Messages are kept in memory and, when a folder is given, appended to `messages.jsonl` in it, so
 * they survive a restart and another process can read them ({@link readOutboxFolder}).
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';

/** An email to send. Plain text only: nothing local needs more. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

export const outboxMessageSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  sentAt: z.iso.datetime(),
});
/** A message as the outbox keeps it. */
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export interface Outbox {
  /** "Sends" a message: keeps it, and writes it to the folder if there is one. */
  send(email: OutgoingEmail): Promise<OutboxMessage>;
  /** Every message kept, newest first. */
  list(): OutboxMessage[];
}

const fileName = 'messages.jsonl';

/** The messages in an outbox folder, newest first; none if the folder or file does not exist. */
export async function readOutboxFolder(dir: string): Promise<OutboxMessage[]> {
  let text: string;
  try {
    text = await readFile(join(dir, fileName), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // A line cut short by a crash mid-write is skipped, not fatal.
  return text
    .split('\n')
    .flatMap((line) => {
      if (!line.trim()) return [];
      try {
        const parsed = outboxMessageSchema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    })
    .reverse();
}

/** Opens the outbox: in memory only, or kept in `dir` with the messages already there. */
export async function openOutbox(options: { dir?: string; now?: () => Date } = {}): Promise<Outbox> {
  const now = options.now ?? (() => new Date());
  const { dir } = options;
  if (dir) await mkdir(dir, { recursive: true });
  // Oldest first, as they were sent; listed the other way round.
  const messages = dir ? (await readOutboxFolder(dir)).reverse() : [];
  return {
    async send(email) {
      const message: OutboxMessage = { id: randomUUID(), ...email, sentAt: now().toISOString() };
      messages.push(message);
      if (dir) await appendFile(join(dir, fileName), `${JSON.stringify(message)}\n`, { mode: 0o600 });
      return message;
    },
    list: () => [...messages].reverse(),
  };
}
