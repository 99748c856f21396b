/**
 * The finder's own CloudWatch metrics: their namespace, names and the one dimension a write has.
 * Shared by the functions that record them (`metrics.ts`) and the stack's dashboard, with no imports
 * of its own, so the CDK app reads it without loading Powertools or the functions' configuration.
 */

/** Where the metrics are published. */
export const metricNamespace = 'NaloxoneFinder';
/** The `service` dimension every metric carries (Powertools' default dimension). */
export const metricService = 'naloxone-finder';

/** Every metric the functions record, all counts. */
export const metricNames = {
  /** A nearest-outlets search answered. */
  searches: 'Searches',
  /** Outlets a search returned. */
  searchResults: 'SearchResults',
  /** Items a search's Queries read (the nearest search counts its own reads). */
  searchItemsRead: 'SearchItemsRead',
  /** A search that stopped at its read budget before proving the nearest outlets. */
  searchBudgetExhausted: 'SearchBudgetExhausted',
  /** A problem report from the public stored. */
  reports: 'Reports',
  /** A write that succeeded, with its kind (the route table's handler name) as the `kind` dimension. */
  writes: 'Writes',
} as const;

export type MetricName = (typeof metricNames)[keyof typeof metricNames];

/** The dimension of `Writes`. Its values are handler names from the route table: a closed set, never input. */
export const writeKindDimension = 'kind';
