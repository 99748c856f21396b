/**
 * The local outbox: messages kept newest first, in memory or in a folder another process can read.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutbox, readOutboxFolder } from '../../local/outbox.js';
import { outboxPage } from '../../local/outbox-page.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const email = (n: number) => ({ to: `person${n}@example.org`, subject: `Message ${n}`, text: `Text ${n}` });

describe('openOutbox', () => {
  it('lists the messages it sent, newest first', async () => {
    // Prepare
    const outbox = await openOutbox();

    // Act
    await outbox.send(email(1));
    await outbox.send(email(2));

    // Assess
    expect(outbox.list().map((message) => message.subject)).toEqual(['Message 2', 'Message 1']);
    expect(outbox.list()[0]).toMatchObject({ to: 'person2@example.org', text: 'Text 2' });
    expect(outbox.list()[0]?.sentAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('keeps messages in its folder, for another process and for the next start', async () => {
    // Prepare
    const folder = join(dir, 'kept');
    const first = await openOutbox({ dir: folder });
    await first.send(email(1));

    // Act
    const reopened = await openOutbox({ dir: folder });
    await reopened.send(email(2));
    const readElsewhere = await readOutboxFolder(folder);

    // Assess
    expect(reopened.list().map((message) => message.subject)).toEqual(['Message 2', 'Message 1']);
    expect(readElsewhere).toEqual(reopened.list());
  });

  it('reads an outbox folder that does not exist yet as empty', async () => {
    // Act
    const messages = await readOutboxFolder(join(dir, 'never-made'));

    // Assess
    expect(messages).toEqual([]);
  });
});

describe('outboxPage', () => {
  it('shows each message with its recipient, and escapes what it shows', async () => {
    // Prepare
    const outbox = await openOutbox();
    await outbox.send({ to: 'a@example.org', subject: '<b>Hello</b>', text: 'Code & more' });

    // Act
    const html = outboxPage(outbox.list());

    // Assess
    expect(html).toContain('&lt;b&gt;Hello&lt;/b&gt;');
    expect(html).toContain('Code &amp; more');
    expect(html).toContain('<dd>a@example.org</dd>');
    expect(html).not.toContain('<b>Hello</b>');
  });

  it('makes links to this machine clickable, and leaves any other address as text', async () => {
    // Prepare
    const outbox = await openOutbox();
    await outbox.send({
      to: 'a@example.org',
      subject: 'Check your naloxone listing',
      text: 'Running low:\nhttp://127.0.0.1:3000/confirm/?t=aaa.bbb.ccc\n\nElsewhere: https://example.org/?a=1&b=2',
    });

    // Act
    const html = outboxPage(outbox.list());

    // Assess
    expect(html).toContain('<a href="http://127.0.0.1:3000/confirm/?t=aaa.bbb.ccc">http://127.0.0.1:3000/confirm/?t=aaa.bbb.ccc</a>');
    expect(html).toContain('Elsewhere: https://example.org/?a=1&amp;b=2');
    expect(html).not.toContain('<a href="https://example.org');
  });
});
