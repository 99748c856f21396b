/**
 * `POST /reports`: a member of the public tells us a listing is wrong ("they had no kits").
 * Reports are what keep listings honest: the outlet and its commissioner see them.
 */
import { z } from 'zod';
import { outletIdSchema } from './outlet.js';

/** What went wrong, in the words a person would choose. */
export const reportProblemSchema = z.enum(
  ['no_kits', 'closed_when_listed_open', 'wrong_hours', 'asked_for_prescription_or_id', 'refused', 'wrong_address_or_phone', 'other'],
  { error: 'Select what went wrong' },
);
export type ReportProblem = z.infer<typeof reportProblemSchema>;

/** Plain-English labels for each problem, shared by the site's form and any later review screen. */
export const reportProblemLabels: Record<ReportProblem, string> = {
  no_kits: 'They had no naloxone kits',
  closed_when_listed_open: 'It was closed when the listing said open',
  wrong_hours: 'The opening hours are wrong',
  asked_for_prescription_or_id: 'They asked for a prescription or ID',
  refused: 'They would not give me a kit',
  wrong_address_or_phone: 'The address or phone number is wrong',
  other: 'Something else',
};

export const maxReportDetailsLength = 1000;

/** A UTF-16 half-character on its own: text that cannot be stored or shown faithfully. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const createReportBodySchema = z.object(
  {
    outletId: z.string({ error: 'Say which place the report is about' }).pipe(outletIdSchema),
    problem: reportProblemSchema,
    /** Optional free text. The site asks people not to include names or contact details. */
    details: z
      .string({ error: 'Details must be text' })
      .trim()
      .max(maxReportDetailsLength, `Details must be ${maxReportDetailsLength} characters or fewer`)
      .refine((value) => !loneSurrogate.test(value), 'Details contain characters we cannot read')
      .optional()
      .transform((value) => (value === '' ? undefined : value)),
  },
  { error: 'Send the report as a JSON object' },
);
export type CreateReportBody = z.infer<typeof createReportBodySchema>;

export const problemReportSchema = z.object({
  id: z.string(),
  outletId: outletIdSchema,
  problem: reportProblemSchema,
  details: z.string().nullable(),
  receivedAt: z.iso.datetime({ offset: true }),
});
export type ProblemReport = z.infer<typeof problemReportSchema>;

/** What the reporter gets back: a reference, and nothing about anyone else's reports. */
export const createReportResponseSchema = z.object({
  id: z.string(),
  receivedAt: z.iso.datetime({ offset: true }),
});
export type CreateReportResponse = z.infer<typeof createReportResponseSchema>;
