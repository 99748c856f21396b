/**
 * What the site benchmark reads from a Lighthouse result: the category scores, the weight of what
 * the page itself loaded, and the audits that cost points.
 */
import type { Result as LighthouseResult } from 'lighthouse';

export const categories = ['performance', 'accessibility', 'best-practices'] as const;
export type Category = (typeof categories)[number];
export type Scores = Record<Category, number>;

export interface PageWeights {
  /** Bytes over the wire (gzipped where the server gzips) for everything the page itself loaded. */
  totalTransferBytes: number;
  jsTransferBytes: number;
  requests: number;
}

interface NetworkItem {
  url: string;
  transferSize?: number;
  resourceType?: string;
  sessionTargetType?: string;
}

/** The page's own requests: what the service worker saves for offline use is measured apart. */
export function weightsOf(lhr: LighthouseResult): PageWeights {
  const details = lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined;
  const items = details?.items ?? [];
  const ofPage = items.filter((item) => item.sessionTargetType !== 'worker');
  const sum = (list: NetworkItem[]) => list.reduce((total, item) => total + (item.transferSize ?? 0), 0);
  return {
    totalTransferBytes: sum(ofPage),
    jsTransferBytes: sum(ofPage.filter((item) => item.resourceType === 'Script')),
    requests: ofPage.length,
  };
}

export function scoresOf(lhr: LighthouseResult): Scores {
  const score = (category: Category) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
  return { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices') };
}

export function losingAuditsOf(lhr: LighthouseResult): string[] {
  return categories.flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit && audit.score !== null && audit.score < 1)
      .map((audit) => `${category}: ${audit!.id} (${audit!.score})${audit!.displayValue ? ` ${audit!.displayValue}` : ''}`),
  );
}

/** The best score of the runs in each category. */
export function bestOf(runs: readonly Scores[]): Scores {
  return Object.fromEntries(categories.map((category) => [category, Math.max(...runs.map((run) => run[category]))])) as Scores;
}
