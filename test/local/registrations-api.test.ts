/**
 * Registrations sent, end to end on the local runtime: the public checks and sends a pharmacy's or a
 * cabinet's details, which are stored once per Idempotency-Key, refused field by field when wrong,
 * and put in the queue of the postcode's area (or the administrators', when only the district is
 * known). Moderation is `registration-moderation-api.test.ts`.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RegistrationCheckResponse } from '../../functions/contract/registration.js';
import type { ListRegistrationsResponse } from '../../functions/contract/registration-moderation.js';
import { pharmacy, registrationsFinder } from '../support/registrations-finder.js';

const { tokens, call, register, queue, read } = registrationsFinder();

describe('checking a registration', () => {
  it('finds the local authority from the postcode data, or says only the district is known and that an administrator will check it', async () => {
    // Act
    const trafford = await call<RegistrationCheckResponse>('POST', '/registrations/checks', { body: pharmacy() });
    const districtOnly = await call<RegistrationCheckResponse>('POST', '/registrations/checks', { body: pharmacy({ postcode: 'M1 1AD' }) });

    // Assess
    expect(trafford.status).toBe(200);
    expect(trafford.body).toEqual({
      postcode: 'M15 4AB',
      location: { lat: 53.465578, lng: -2.26046 },
      locationSource: 'postcode',
      localAuthority: { code: 'E08000009', name: 'Trafford' },
      reviewer: 'commissioner',
    });
    expect(districtOnly.body).toMatchObject({ postcode: 'M1 1AD', locationSource: 'outward_code', localAuthority: null, reviewer: 'administrator' });
  });

  it('names every field that is wrong at once, tells a district from a postcode, and stores nothing', async () => {
    // Prepare
    const before = await queue('dami');

    // Act
    const empty = await call('POST', '/registrations/checks', { body: { kind: 'outlet' } });
    const district = await call('POST', '/registrations/checks', { body: pharmacy({ postcode: 'M15' }) });
    const nonsense = await call('POST', '/registrations/checks', { body: pharmacy({ postcode: 'not a postcode' }) });
    const unknown = await call('POST', '/registrations/checks', { body: pharmacy({ postcode: 'ZE9 9ZZ' }) });

    // Assess
    expect(empty.status).toBe(422);
    expect(empty.body.issues?.map((issue) => issue.path).sort()).toEqual(
      ['addressLine1', 'basis', 'contactEmail', 'contactName', 'hours', 'kitTypes', 'name', 'organisation', 'postcode', 'town'].sort(),
    );
    expect(empty.body.issues).toContainEqual({ path: 'organisation', message: 'Enter the name of the organisation' });
    expect([district.body.issues, nonsense.body.issues, unknown.body.issues]).toEqual([
      [{ path: 'postcode', message: 'Enter the full postcode, like M15 4AB' }],
      [{ path: 'postcode', message: 'Enter a real postcode' }],
      [{ path: 'postcode', message: 'We could not find that postcode' }],
    ]);
    expect(await queue('dami')).toEqual(before);
  });
});

describe('sending a registration', () => {
  it('stores it once however often it is sent with the same key, and puts it in its area’s queue and the administrators’', async () => {
    // Prepare
    const details = pharmacy();
    const key = randomUUID();

    // Act
    const answers = await Promise.all(Array.from({ length: 5 }, () => register(details, key)));
    const again = await register(details, key);

    // Assess
    const ids = new Set([...answers, again].filter((answer) => answer.status === 201).map((answer) => answer.body.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids] as [string];
    // A repeat that arrives while the first is running is told to wait (409); none is stored twice.
    expect([...answers, again].every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
    expect(again.body).toMatchObject({ id, reviewer: 'commissioner', localAuthority: { code: 'E08000009', name: 'Trafford' } });
    expect((await queue('tariq')).filter((queued) => queued === id)).toHaveLength(1);
    expect((await queue('dami')).filter((queued) => queued === id)).toHaveLength(1);
    expect(await queue('chloe')).not.toContain(id);
    expect((await read(id, 'chloe')).status).toBe(403);
  });

  it('refuses a key reused for other details, needs a key, and stores nothing when it refuses', async () => {
    // Prepare
    const key = randomUUID();
    const first = await register(pharmacy(), key);
    const before = await queue('dami');

    // Act
    const reused = await register(pharmacy(), key);
    const keyless = await call('POST', '/registrations', { body: pharmacy() });
    const invalid = await register(pharmacy({ contactEmail: 'not an address', kitTypes: [] }));

    // Assess
    expect(first.status).toBe(201);
    expect([reused.status, keyless.status, invalid.status]).toEqual([422, 428, 422]);
    expect(invalid.body.issues).toEqual([
      { path: 'kitTypes', message: 'Choose at least one kit type' },
      { path: 'contactEmail', message: 'Enter an email address in the correct format, like name@example.com' },
    ]);
    expect(await queue('dami')).toEqual(before);
  });

  it('answers a registration with the hidden field filled in as if received, and stores nothing', async () => {
    // Prepare
    const before = await queue('dami');

    // Act
    const trapped = await register({ ...pharmacy(), faxNumber: '0161 000 0000' });

    // Assess
    expect(trapped.status).toBe(201);
    expect(trapped.body.id).toMatch(/^\d{8}T\d{9}Z-[a-z0-9]{10}$/);
    expect(await queue('dami')).toEqual(before);
    expect((await read(trapped.body.id, 'dami')).status).toBe(404);
  });

  it('lists one area’s registrations for its dashboard, to its commissioner or an administrator, and no other area’s', async () => {
    // Prepare
    const { body: trafford } = await register(pharmacy());
    const { body: districtOnly } = await register(pharmacy({ postcode: 'M1 1AD' }));
    const inArea = (who: keyof typeof tokens, area: string) => call<ListRegistrationsResponse>('GET', `/portal/registrations?queue=open&area=${area}`, { as: tokens[who] });

    // Act
    const tariqs = await inArea('tariq', 'E08000009');
    const damis = await inArea('dami', 'E08000009');
    const chloes = await inArea('chloe', 'E08000009');
    const malformed = await inArea('tariq', 'Trafford');

    // Assess
    expect(tariqs.status).toBe(200);
    expect(tariqs.body.registrations.map((summary) => summary.id)).toContain(trafford.id);
    expect(tariqs.body.registrations.map((summary) => summary.id)).not.toContain(districtOnly.id);
    expect(tariqs.body.registrations.every((summary) => summary.localAuthority?.code === 'E08000009')).toBe(true);
    expect(damis.body.registrations.map((summary) => summary.id)).toContain(trafford.id);
    expect(chloes.status).toBe(403);
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues).toEqual([{ path: 'area', message: 'Enter a local authority code like E08000003' }]);
  });

  it('sends a registration known only by its district to the administrators alone', async () => {
    // Act
    const { body } = await register(pharmacy({ postcode: 'M1 1AD' }));

    // Assess
    expect(body).toMatchObject({ reviewer: 'administrator', localAuthority: null });
    expect(await queue('dami')).toContain(body.id);
    expect(await queue('tariq')).not.toContain(body.id);
    expect((await read(body.id, 'tariq')).status).toBe(403);
  });
});
