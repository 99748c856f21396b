/**
 * `POST /api/reports`: a member of the public tells us a listing is wrong ("they had no kits").
 * Reports are what keep listings honest: the outlet and its commissioner see them, and the outlet
 * marks each one dealt with (`PATCH /api/portal/outlets/{id}/reports/{reportId}`).
 */
import * as z from 'zod/mini';
import { outletIdSchema } from './outlet.js';

/**
 * What went wrong, in the words a person would choose. Asking for ID, a prescription or an
 * appointment has a reason of its own: Release recommends that free naloxone comes with no needless
 * requirements, and commissioners need to see where it does not.
 */
export const reportProblemSchema = z.enum(['no_kits', 'closed_when_listed_open', 'wrong_hours_or_address', 'asked_for_requirements', 'other'], {
  error: 'Select what went wrong',
});
export type ReportProblem = z.infer<typeof reportProblemSchema>;

/** Plain-English labels for each problem, shared by the site's form and the portal's review screen. */
export const reportProblemLabels: Record<ReportProblem, string> = {
  no_kits: 'They had no naloxone kits',
  closed_when_listed_open: 'It was closed when the listing said open',
  wrong_hours_or_address: 'The opening hours or address are wrong',
  asked_for_requirements: 'They asked for ID, a prescription or an appointment',
  other: 'Something else',
};

export const maxReportDetailsLength = 500;

/**
 * The name of the form's trap field: hidden from people (and labelled "leave this empty" for
 * anyone whose screen reader finds it), filled in by form-filling robots. A report with it filled
 * is refused, and nothing is stored.
 */
export const reportTrapField = 'website';

/** A UTF-16 half-character on its own: text that cannot be stored or shown faithfully. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Optional free text, checked by `text`; left empty, it is as if not sent. */
const optionalText = (text: z.ZodMiniString<string>) => z.pipe(z.optional(text), z.transform((value) => (value === '' ? undefined : value)));

export const createReportBodySchema = z.object(
  {
    outletId: z.pipe(z.string({ error: 'Say which place the report is about' }), outletIdSchema),
    problem: reportProblemSchema,
    /** Optional free text. The site asks people not to include names or contact details. */
    details: optionalText(
      z.string({ error: 'Details must be text' }).check(
        z.trim(),
        z.maxLength(maxReportDetailsLength, `Details must be ${maxReportDetailsLength} characters or fewer`),
        z.refine((value) => !loneSurrogate.test(value), 'Details contain characters we cannot read'),
      ),
    ),
    [reportTrapField]: z.optional(z.string().check(z.maxLength(0, 'Leave the last field empty: it is there to catch automated reports'))),
  },
  { error: 'Send the report as a JSON object' },
);
export type CreateReportBody = z.infer<typeof createReportBodySchema>;

/**
 * Report ids start with the time received (`20261130T171203123Z-` and a UUID), so they sort in
 * the order reports came in and say nothing about who sent them.
 */
export const reportIdSchema = z
  .string()
  .check(z.regex(/^\d{8}T\d{9}Z-[0-9a-f-]{36}$/, 'Enter a report reference as it was given'));

export const reportStatusSchema = z.enum(['open', 'dealt_with'], { error: 'Choose open or dealt with' });
export type ReportStatus = z.infer<typeof reportStatusSchema>;

export const maxReportNoteLength = 500;

export const problemReportSchema = z.object({
  id: reportIdSchema,
  outletId: outletIdSchema,
  problem: reportProblemSchema,
  details: z.nullable(z.string()),
  receivedAt: z.iso.datetime({ offset: true }),
  status: z._default(reportStatusSchema, 'open'),
  /** When and by whom it was marked dealt with; null while open. */
  dealtWithAt: z._default(z.nullable(z.iso.datetime({ offset: true })), null),
  dealtWithBy: z._default(z.nullable(z.string()), null),
  /** The outlet's own note on what it did, seen by the outlet and its commissioner, never by the public. */
  note: z._default(z.nullable(z.string()), null),
});
export type ProblemReport = z.infer<typeof problemReportSchema>;

/** Path parameters of `PATCH /api/portal/outlets/{id}/reports/{reportId}`. */
export const reportPathSchema = z.object({ id: outletIdSchema, reportId: reportIdSchema });

/** `PATCH /api/portal/outlets/{id}/reports/{reportId}`: mark a report dealt with (or open again), with a note. */
export const reportUpdateSchema = z.object(
  {
    status: reportStatusSchema,
    note: optionalText(
      z.string({ error: 'The note must be text' }).check(
        z.trim(),
        z.maxLength(maxReportNoteLength, `Enter a note of ${maxReportNoteLength} characters or fewer`),
        z.refine((value) => !loneSurrogate.test(value), 'The note contains characters we cannot read'),
      ),
    ),
  },
  { error: 'Send the change as a JSON object' },
);
export type ReportUpdate = z.infer<typeof reportUpdateSchema>;

/** `GET /api/portal/outlets/{id}/reports`: newest first. */
export const outletReportsResponseSchema = z.object({
  reports: z.array(problemReportSchema),
  /** How many are still open. */
  open: z.number().check(z.int(), z.nonnegative()),
});
export type OutletReportsResponse = z.infer<typeof outletReportsResponseSchema>;

/** What the reporter gets back: a reference, and nothing about anyone else's reports. */
export const createReportResponseSchema = z.object({
  id: reportIdSchema,
  receivedAt: z.iso.datetime({ offset: true }),
});
export type CreateReportResponse = z.infer<typeof createReportResponseSchema>;
