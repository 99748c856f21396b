/**
 * Email through the real SES client, to the local server's SES stand-in, into the outbox.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
let finder: RunningFinder;

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir, seed: false });
});

afterAll(async () => {
  await finder?.close();
});

describe('sendEmail under the local runtime', () => {
  it('puts the message in the local outbox, as SES would send it', async () => {
    // Prepare: loaded now, so it reads the settings the finder gave it.
    const { sendEmail } = await import('../../functions/data/email.js');

    // Act
    const id = await sendEmail({ to: 'asha.patel@example.org', subject: 'Is your listing still right?', text: 'Tap a link to tell us.' });

    // Assess
    expect(finder.outbox.list()[0]).toMatchObject({
      id,
      to: 'asha.patel@example.org',
      subject: 'Is your listing still right?',
      text: 'Tap a link to tell us.',
    });
  });

  it('refuses a request the stand-in cannot read, as SES does', async () => {
    // Act
    const response = await fetch(`${finder.url}/_local/ses/v2/email/outbound-emails`, { method: 'POST', body: '{"Content":{}}' });

    // Assess
    expect(response.status).toBe(400);
  });
});
