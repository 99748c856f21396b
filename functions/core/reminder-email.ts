/**
 * The readiness reminder: a short plain-text email, in GOV.UK's plain English, that says what the
 * listing tells the public now and gives one link per answer. Pure: the links are made by the
 * caller, which holds the signing key.
 */
import { freshnessThresholds } from '../contract/freshness.js';
import { type ListingAction, listingActionLabels, listingActionPagePath } from '../contract/listing-actions.js';
import type { OpeningHours, Outlet, StockStatus } from '../contract/outlet.js';
import { readinessRules } from '../contract/readiness.js';
import { portalPrefix } from '../contract/web-policy.js';
import { ageInDays } from './listing-age.js';
import { describeWeeklyHours } from './opening-hours-text.js';
import { addDays, londonWallClock } from './london-time.js';
import { readinessBasis } from './readiness-rules.js';

/** The order the links are listed in: the three stock answers, then "nothing has changed". */
export const reminderActions: readonly ListingAction[] = ['in_stock', 'running_low', 'out', 'confirm'];

export interface ReminderEmail {
  subject: string;
  text: string;
}

export interface ReminderRequest {
  outlet: Pick<Outlet, 'name' | 'address' | 'hours' | 'stock' | 'assuredAt' | 'listedAt'>;
  /** 1 or 2. */
  reminder: 1 | 2;
  /** The site's origin, e.g. `https://naloxone.example.org`. */
  siteUrl: string;
  /** One signed token per action. */
  tokens: Record<ListingAction, string>;
  now: Date;
}

const stockWords: Record<StockStatus, string> = {
  in_stock: 'In stock',
  running_low: 'Running low',
  out: 'Out of stock',
  unknown: 'Not known',
};

const longDateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A London calendar date in words: "3 December 2026". */
const longDate = (date: string): string => longDateFormat.format(new Date(`${date}T12:00:00Z`));

const londonDate = (iso: string): string => londonWallClock(new Date(iso)).date;

/** The usual week in one line, runs of days with the same hours joined: "Monday to Friday: 09:00 to 18:00; Saturday: Closed". */
export function weekInOneLine(hours: OpeningHours): string {
  const rows = describeWeeklyHours(hours);
  const runs: { from: string; to: string; text: string }[] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last.text === row.text) last.to = row.dayName;
    else runs.push({ from: row.dayName, to: row.dayName, text: row.text });
  }
  if (runs.length === 1 && runs[0]) return runs[0].text.startsWith('Hours unknown') ? 'Not known' : `Every day: ${runs[0].text}`;
  return runs.map((run) => `${run.from === run.to ? run.from : `${run.from} to ${run.to}`}: ${run.text}`).join('; ');
}

/** The link an action's token opens. */
export const listingActionUrl = (siteUrl: string, token: string): string => `${siteUrl.replace(/\/+$/, '')}${listingActionPagePath}?t=${token}`;

/** The reminder for one listing. */
export function reminderEmail({ outlet, reminder, siteUrl, tokens, now }: ReminderRequest): ReminderEmail {
  const basis = readinessBasis(outlet);
  const days = ageInDays(basis, now);
  const today = londonWallClock(now).date;
  const markDate = basis === null ? today : addDays(londonDate(basis), freshnessThresholds.mayBeOutOfDateDays);
  const lastConfirmed =
    outlet.assuredAt === null
      ? 'Never (listed on ' + (outlet.listedAt === null ? 'a date we do not know' : longDate(londonDate(outlet.listedAt))) + ')'
      : `${longDate(londonDate(outlet.assuredAt))}${days === null ? '' : ` (${days === 1 ? '1 day' : `${days} days`} ago)`}`;
  const stockAge = ageInDays(outlet.stock.updatedAt, now);
  const stock =
    outlet.stock.status === 'unknown'
      ? stockWords.unknown
      : `${stockWords[outlet.stock.status]}${stockAge === null ? '' : `, set ${stockAge === 0 ? 'today' : stockAge === 1 ? 'yesterday' : `${stockAge} days ago`}`}`;
  const linksUntil = longDate(addDays(today, readinessRules.linkValidDays));
  const portal = `${siteUrl.replace(/\/+$/, '')}${portalPrefix}/`;

  const links = reminderActions.flatMap((action) => [
    `${action === 'confirm' ? 'Still correct (nothing has changed)' : listingActionLabels[action]}:`,
    listingActionUrl(siteUrl, tokens[action]),
    '',
  ]);
  const whatNext =
    reminder === 1
      ? `If we do not hear from you, we will remind you once more. From ${longDate(markDate)}, people using the finder will be told that your listing may be out of date.`
      : `This is our second reminder. If we do not hear from you, we will ask your local commissioner to check your listing. From ${longDate(markDate)}, people using the finder will be told that your listing may be out of date.`;

  const text = [
    'Hello,',
    '',
    `Please check that your listing for ${outlet.name}, ${outlet.address.lines[0] ?? outlet.address.town}, on the naloxone finder is still right. People use it to find free naloxone kits near them.`,
    '',
    'Your listing says:',
    `Stock: ${stock}`,
    `Opening hours: ${weekInOneLine(outlet.hours)}`,
    `Last confirmed: ${lastConfirmed}`,
    '',
    'Choose the link that is true today. It opens a page with one button to press. Opening the link does not change anything.',
    '',
    ...links,
    `If anything else has changed, such as your opening hours, sign in to the outlet portal: ${portal}`,
    '',
    whatNext,
    '',
    `These links work until ${linksUntil}. Each link works once.`,
    '',
    'You are getting this email because this address is the contact for this listing on the naloxone finder.',
  ].join('\n');

  const subject = reminder === 1 ? `Check your naloxone listing: ${outlet.name}` : `Reminder: check your naloxone listing: ${outlet.name}`;
  return { subject, text };
}
