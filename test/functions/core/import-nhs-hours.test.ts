import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { openingHoursSchema, weekdays } from '../../../functions/contract/outlet.js';
import { importNhsHours, readNhsDay, type NhsDayStrings } from '../../../functions/core/import-nhs-hours.js';
import { isOpenLate, openStateAt } from '../../../functions/core/opening-hours.js';

const allWeek = (value: string): NhsDayStrings => Object.fromEntries(weekdays.map((day) => [day, value]));

describe('readNhsDay', () => {
  it.each([
    ['08:30-13:00,14:00-17:30', [['08:30', '13:00'], ['14:00', '17:30']]],
    ['09:00-12:00,13:00-15:00,16:00-18:00', [['09:00', '12:00'], ['13:00', '15:00'], ['16:00', '18:00']]],
    [' 9:00 - 13:00 , 14:00-17:00 ', [['09:00', '13:00'], ['14:00', '17:00']]],
    ['14:00-17:30,08:30-13:00', [['08:30', '13:00'], ['14:00', '17:30']]],
    ['09:00-13:00,13:00-17:00', [['09:00', '13:00'], ['13:00', '17:00']]],
    ['CLOSED', []],
    ['closed', []],
    ['08:30-00:00', [['08:30', '24:00']]],
    ['08:00-24:00', [['08:00', '24:00']]],
    ['08:00-23:59', [['08:00', '24:00']]],
    ['00:00-23:59', [['00:00', '24:00']]],
  ])('reads %j', (value, sessions) => {
    expect(readNhsDay(value)).toEqual({ sessions: sessions.map(([opensAt, closesAt]) => ({ opensAt, closesAt })) });
  });

  it.each([
    ['', 'No hours given'],
    ['09:00-13:00:14:00-18:00', '"09:00-13:00:14:00-18:00" is not a session like 08:30-13:00 (sessions are separated by commas)'],
    ['9am-5pm', '"9am-5pm" is not a session like 08:30-13:00 (sessions are separated by commas)'],
    ['25:00-26:00', '"25:00-26:00" has a time that does not exist'],
    ['09:00-09:00', '"09:00-09:00" opens and closes at the same time'],
    ['22:00-02:00', '"22:00-02:00" closes before it opens'],
    ['09:00-13:00,12:00-17:00', 'Sessions overlap'],
    ['1:00-2:00,3:00-4:00,5:00-6:00,7:00-8:00,9:00-10:00,11:00-12:00,13:00-14:00', 'More than 6 sessions in one day'],
  ])('reports %j', (value, problem) => {
    expect(readNhsDay(value)).toEqual({ problem });
  });
});

describe('importNhsHours', () => {
  it('builds weekly rows and leaves bank holidays unknown', () => {
    const { hours, problems } = importNhsHours({ ...allWeek('CLOSED'), monday: '08:30-13:00,14:00-17:30', saturday: '09:00-12:00' });

    expect(problems).toEqual([]);
    expect(hours).toEqual({
      weekly: [
        { byDay: 'monday', opensAt: '08:30', closesAt: '13:00' },
        { byDay: 'monday', opensAt: '14:00', closesAt: '17:30' },
        { byDay: 'saturday', opensAt: '09:00', closesAt: '12:00' },
      ],
      exceptions: [],
      bankHolidays: 'unknown',
    });
  });

  it('reports a malformed day, leaves it out and marks it unknown rather than closed', () => {
    // Act
    const { hours, problems } = importNhsHours({ ...allWeek('09:00-17:00'), tuesday: '09:00-13:00:14:00-18:00', sunday: undefined });

    // Assess
    expect(problems.map(({ day, message }) => `${day}: ${message}`)).toEqual([
      'tuesday: "09:00-13:00:14:00-18:00" is not a session like 08:30-13:00 (sessions are separated by commas)',
      'sunday: No hours given',
    ]);
    expect(hours.unknownDays).toEqual(['tuesday', 'sunday']);
    expect(hours.weekly.some((row) => row.byDay === 'tuesday')).toBe(false);
    expect(openStateAt(hours, new Date('2026-11-24T10:00:00Z')).status).toBe('unknown');
  });

  it('makes 00:00-23:59 every day an outlet open 24 hours', () => {
    const { hours } = importNhsHours(allWeek('00:00-23:59'));

    expect(openStateAt(hours, new Date('2026-11-24T03:00:00Z')).summary).toBe('Open 24 hours');
  });
  it('reports a week with every day CLOSED and reads it as hours unknown, not never open', () => {
    const { hours, problems } = importNhsHours(allWeek('closed'));

    expect(problems).toEqual([
      { part: 'week', day: null, value: 'CLOSED', message: 'Every day is CLOSED: the hours were not imported, so the listing says "hours unknown – call ahead"' },
    ]);
    expect(hours.weekly).toEqual([]);
    expect(openStateAt(hours, new Date('2026-11-24T10:00:00Z')).summary).toBe('Hours unknown – call ahead');
  });

  it('takes bank holiday alterations as dated exceptions that outrank the weekly rows', () => {
    // Act
    const { hours, problems } = importNhsHours(allWeek('09:00-18:00'), {
      alterations: [
        { date: '2026-12-28', value: '10:00-14:00' },
        { date: '2026-12-25', value: 'CLOSED' },
      ],
    });

    // Assess
    expect(problems).toEqual([]);
    expect(openingHoursSchema.parse(hours).exceptions).toEqual([
      { date: '2026-12-25', closed: true, sessions: [] },
      { date: '2026-12-28', closed: false, sessions: [{ opensAt: '10:00', closesAt: '14:00' }] },
    ]);
    expect(openStateAt(hours, new Date('2026-12-28T12:00:00Z')).summary).toBe('Open until 14:00');
    expect(openStateAt(hours, new Date('2026-12-25T12:00:00Z')).status).toBe('closed');
  });

  it('reports alterations it cannot read and leaves them out', () => {
    const { hours, problems } = importNhsHours(allWeek('09:00-18:00'), {
      alterations: [
        { date: '28/12/2026', value: '10:00-14:00' },
        { date: '2026-12-24', value: 'half day' },
        { date: '2026-12-31', value: '09:00-13:00' },
        { date: '2026-12-31', value: 'CLOSED' },
      ],
    });

    expect(problems.map(({ date, message }) => `${date}: ${message}`)).toEqual([
      '28/12/2026: "28/12/2026" is not a date like 2026-12-28',
      '2026-12-24: "half day" is not a session like 08:30-13:00 (sessions are separated by commas)',
      '2026-12-31: 2026-12-31 is given more than once',
    ]);
    expect(hours.exceptions.map((exception) => exception.date)).toEqual(['2026-12-31']);
  });

  it('flags a lunch closure written in words in a day string, leaving that day unknown', () => {
    const { hours, problems } = importNhsHours({ ...allWeek('09:00-17:30'), wednesday: '09:00-17:30 closed 13:00-14:00 for lunch' });

    expect(problems).toEqual([
      {
        part: 'day',
        day: 'wednesday',
        value: '09:00-17:30 closed 13:00-14:00 for lunch',
        message: '"09:00-17:30 closed 13:00-14:00 for lunch" gives a lunch closure in words: give the day as two sessions, like 09:00-13:00,14:00-17:30',
      },
    ]);
    expect(hours.unknownDays).toEqual(['wednesday']);
  });

  it('flags a lunch closure mentioned only in the note beside the hours', () => {
    const { hours, problems } = importNhsHours(allWeek('09:00-17:30'), { note: 'Closed for lunch 1-2pm on weekdays' });

    expect(problems.map(({ day, message }) => `${day}: ${message}`)).toEqual([
      'null: The note mentions a lunch closure the hours do not show: check them, and give each day as sessions like 09:00-13:00,14:00-17:30',
    ]);
    expect(hours.weekly).toHaveLength(7);
    expect(importNhsHours(allWeek('09:00-17:30'), { note: 'Wheelchair access at the side door' }).problems).toEqual([]);
  });
});

describe('importNhsHours over the Greater Manchester pharmacy list (2025 Q1, 631 pharmacies)', () => {
  const featureSchema = z.object({
    properties: z
      .object({ organisation_data_service_code: z.string() })
      .catchall(z.unknown())
      .transform((properties) => ({
        ods: properties.organisation_data_service_code,
        days: Object.fromEntries(weekdays.map((day) => [day, z.string().optional().parse(properties[`opening_hours_${day}`])])),
      })),
  });
  const file = z
    .object({ features: z.array(featureSchema) })
    .parse(JSON.parse(readFileSync(new URL('../../../data/gm-pharmacies-2025q1.geojson', import.meta.url), 'utf8')));
  const imported = file.features.map(({ properties }) => ({ ods: properties.ods, ...importNhsHours(properties.days) }));

  it('reads every pharmacy into hours the contract accepts', () => {
    expect(imported).toHaveLength(631);
    for (const { hours } of imported) expect(openingHoursSchema.safeParse(hours).success).toBe(true);
  });

  it('finds exactly the known oddities: one pharmacy writes ":" between its sessions', () => {
    // Act
    const problems = imported.flatMap(({ ods, problems }) => problems.map((problem) => ({ ods, ...problem })));
    console.info(`${problems.length} problems:\n${problems.map((p) => `  ${p.ods} ${p.day}: ${p.message}`).join('\n')}`);

    // Assess
    expect(problems).toHaveLength(5);
    expect(new Set(problems.map((problem) => `${problem.ods} ${problem.value}`))).toEqual(new Set(['FVW83 09:00-13:00:14:00-18:00']));
    expect(problems.map((problem) => problem.day)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
  });

  it('leaves the pharmacy with unreadable weekdays as "hours unknown" on those days, not closed', () => {
    const fvw83 = imported.find(({ ods }) => ods === 'FVW83');

    expect(fvw83?.hours.weekly).toEqual([]);
    expect(openStateAt(fvw83!.hours, new Date('2026-11-24T10:00:00Z')).summary).toBe('Hours for today unknown – call ahead');
  });

  it('reads closing at 00:00 as midnight and 23:59 as midnight', () => {
    const hoursOf = (ods: string) => imported.find((pharmacy) => pharmacy.ods === ods)?.hours;

    // FWG32 (Boots) closes at "00:00" Monday to Saturday; FJG88 closes at "23:59" every day.
    expect(hoursOf('FWG32')?.weekly[0]).toEqual({ byDay: 'monday', opensAt: '08:30', closesAt: '24:00' });
    expect(openStateAt(hoursOf('FWG32')!, new Date('2026-11-23T23:00:00Z')).summary).toBe('Open until midnight');
    expect(openStateAt(hoursOf('FJG88')!, new Date('2026-11-23T23:59:30Z')).status).toBe('open');
  });

  it('counts the pharmacies open late and open on Sundays', () => {
    const late = imported.filter(({ hours }) => isOpenLate(hours)).length;
    const sunday = imported.filter(({ hours }) => hours.weekly.some((row) => row.byDay === 'sunday')).length;
    console.info(`${late} of 631 pharmacies are open after 20:00 on some day; ${sunday} open on Sundays`);

    expect(late).toBe(76);
    expect(sunday).toBe(110);
  });
});
