/**
 * The four nations of the UK, and what differs between them for someone looking for naloxone: the
 * numbers to call next to 999. The site imports these to show a nation's numbers where the nation
 * is known (an outlet page, by its local authority; a search, by the searched place).
 *
 * Each number was checked against what its service publishes (checked 2026-12): a number we were
 * not sure of is left out rather than guessed.
 */
import * as z from 'zod/mini';

export const nations = ['england', 'wales', 'scotland', 'northern_ireland'] as const;
export const nationSchema = z.enum(nations);
export type Nation = z.infer<typeof nationSchema>;

/** The ONS (GSS) code of each nation, used as a service area's key alongside local authority codes. */
export const nationCodes: Readonly<Record<Nation, string>> = {
  england: 'E92000001',
  wales: 'W92000004',
  scotland: 'S92000003',
  northern_ireland: 'N92000002',
};

export const nationNames: Readonly<Record<Nation, string>> = {
  england: 'England',
  wales: 'Wales',
  scotland: 'Scotland',
  northern_ireland: 'Northern Ireland',
};

/** A local authority GSS code (`E08000003`): a letter for the nation, then eight digits. */
export const localAuthorityCodeSchema = z
  .string()
  .check(z.trim(), z.toUpperCase(), z.regex(/^[ENSW]\d{8}$/, 'Enter a local authority’s ONS code, like E08000003'));

/**
 * The nation of a GSS code, from its first letter (E, W, S, N: the ONS coding scheme), or null when
 * it is not one.
 */
export function nationOfCode(code: string): Nation | null {
  switch (code.charAt(0).toUpperCase()) {
    case 'E':
      return 'england';
    case 'W':
      return 'wales';
    case 'S':
      return 'scotland';
    case 'N':
      return 'northern_ireland';
    default:
      return null;
  }
}

/** One number to call, or a place to turn to when there is no number. */
export interface HelpLine {
  /** "NHS 111", "FRANK". */
  name: string;
  /** What it is for, in a few words. */
  purpose: string;
  /** The number as dialled (`tel:`) and shown, or null when there is none to give. */
  number: string | null;
  /** Shown instead of, or after, the number. */
  note?: string;
}

/** 999 is the same everywhere; these are the numbers next to it. */
export interface NationHelp {
  /** Urgent medical advice that is not an emergency. */
  urgentAdvice: HelpLine;
  /** Confidential drug advice lines, the nation's own first. */
  drugAdvice: HelpLine[];
}

const frank: HelpLine = {
  name: 'FRANK',
  purpose: 'confidential drug advice, any time (UK-wide)',
  number: '0300 123 6600',
};

export const nationHelp: Readonly<Record<Nation, NationHelp>> = {
  england: {
    urgentAdvice: { name: 'NHS 111', purpose: 'urgent medical advice when it is not an emergency', number: '111' },
    drugAdvice: [frank],
  },
  wales: {
    urgentAdvice: { name: 'NHS 111 Wales', purpose: 'urgent medical advice when it is not an emergency', number: '111' },
    drugAdvice: [
      { name: 'DAN 24/7', purpose: 'the Wales drug and alcohol helpline, any time, in Welsh or English', number: '0808 808 2234' },
      frank,
    ],
  },
  scotland: {
    urgentAdvice: { name: 'NHS 24', purpose: 'urgent medical advice when it is not an emergency', number: '111' },
    drugAdvice: [{ name: 'Know the Score', purpose: 'Scotland’s drug advice line', number: '0800 587 5879' }, frank],
  },
  northern_ireland: {
    urgentAdvice: {
      name: 'Your GP',
      purpose: 'urgent medical advice when it is not an emergency',
      number: null,
      note: 'Northern Ireland has no 111 service: call your GP, or GP out of hours when the surgery is closed.',
    },
    drugAdvice: [
      {
        name: 'Drugs and alcohol NI',
        purpose: 'local drug and alcohol services (drugsandalcoholni.info)',
        number: null,
        note: 'There is no single helpline for Northern Ireland: find your local service on drugsandalcoholni.info.',
      },
      frank,
    ],
  },
};
