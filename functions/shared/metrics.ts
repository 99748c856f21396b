/**
 * The one metrics module: the finder's own counts (searches, results, items read, reports, writes
 * by kind), recorded with Powertools and published in Embedded Metric Format, which CloudWatch turns
 * into metrics from the function's log without any API call.
 *
 * What goes in: counts, and one dimension, the kind of a write, which is a handler name from the
 * route table. Never a property, never metadata, never anything from the request: EMF lines are log
 * lines, and logs hold no coordinates, postcodes or addresses.
 *
 * Locally the same code records and serialises the same EMF; `METRICS_OUTPUT=summary` (set by the
 * local server) prints it as one short line instead of the JSON, so the log stays readable.
 */
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { config } from './config.js';
import { type MetricName, metricNames, metricNamespace, metricService, writeKindDimension } from './metric-names.js';

const metrics = new Metrics({ namespace: metricNamespace, serviceName: metricService });

/** Counts `value` of `name` for the request in hand; published when the request ends. */
export function countMetric(name: Exclude<MetricName, typeof metricNames.writes>, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/**
 * Publishes what the request counted, then, for a write that succeeded, one `Writes` count with its
 * kind as the dimension: on its own line, so that the kind does not become a dimension of the other
 * counts. Never throws: a metric that cannot be published must not fail the request it describes.
 *
 * On Lambda one instance serves one request at a time, so a line holds one request's counts. The
 * local server runs requests side by side in one process, where a line can hold another request's
 * counts too; each count is still published exactly once.
 */
export function publishMetrics(write?: { readonly kind: string }): void {
  try {
    publish();
    if (write) {
      metrics.addDimension(writeKindDimension, write.kind);
      metrics.addMetric(metricNames.writes, MetricUnit.Count, 1);
      publish();
    }
  } catch {
    // Powertools refuses only malformed metrics, which the names above cannot be: drop the batch.
    clear();
  }
}

function publish(): void {
  if (!metrics.hasStoredMetrics()) return clear();
  const output = config().METRICS_OUTPUT;
  if (output === 'emf') {
    metrics.publishStoredMetrics();
    return;
  }
  if (output === 'summary') console.log(summaryLine(metrics.serializeMetrics()));
  clear();
}

function clear(): void {
  metrics.clearMetrics();
  metrics.clearDimensions();
  metrics.clearMetadata();
}

/** `metrics Searches=1 SearchResults=5` or `metrics Writes[kind=setStock]=1`, from the EMF Powertools made. */
export function summaryLine(emf: ReturnType<Metrics['serializeMetrics']>): string {
  const [directive] = emf._aws.CloudWatchMetrics;
  const fields = emf as unknown as Record<string, unknown>;
  const dimensions = (directive?.Dimensions[0] ?? []).filter((name) => name !== 'service').map((name) => `${name}=${String(fields[name])}`);
  const qualifier = dimensions.length > 0 ? `[${dimensions.join(',')}]` : '';
  const counts = (directive?.Metrics ?? []).map(({ Name }) => {
    const value = fields[Name];
    const total = Array.isArray(value) ? value.reduce((sum: number, each: number) => sum + each, 0) : value;
    return `${Name}${qualifier}=${String(total)}`;
  });
  return `metrics ${counts.join(' ')}`;
}
