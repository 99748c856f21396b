/**
 * The official Open Referral HSDS 3.0 compiled schemas in `data/hsds/`, turned into zod schemas by
 * `z.fromJSONSchema` (which keeps `type`, `required`, `enum`, `format`, `properties` and `items`,
 * and ignores HSDS's own keywords such as `core` and `constraints`), for every test that checks an
 * HSDS answer.
 *
 * The official schema allows any extra property and types dates and times only with the Frictionless
 * keyword `datapackage_type`, which JSON Schema ignores. So each is also given as a stricter reading
 * of the same file: no property HSDS does not define, `date` as `YYYY-MM-DD`, and `time` as `HH:MM`
 * with optional seconds and offset. A misspelt field passes the first and fails the second.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';

const jsonObject = z.record(z.string(), z.unknown());

function loadSchema(file: string): Record<string, unknown> {
  return jsonObject.parse(JSON.parse(readFileSync(new URL(`../../data/hsds/${file}`, import.meta.url), 'utf8')));
}

/** The same schema with `additionalProperties: false` on every object and Frictionless dates and times as formats. */
function strictReading(schema: unknown): unknown {
  const node = jsonObject.safeParse(schema);
  if (!node.success) return schema;
  const result: Record<string, unknown> = { ...node.data };
  const properties = jsonObject.safeParse(node.data.properties);
  if (properties.success) {
    result.properties = Object.fromEntries(Object.entries(properties.data).map(([name, property]) => [name, strictReading(property)]));
    result.additionalProperties = false;
  }
  if (node.data.items !== undefined) result.items = strictReading(node.data.items);
  if (node.data.datapackage_type === 'date') result.format = 'date';
  if (node.data.datapackage_type === 'time') result.pattern = '^(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?(?:Z|[+-]\\d{2}:\\d{2})?$';
  return result;
}

/** The official schema of a compiled file, and its stricter reading. Each in a registry of its own, so HSDS's keywords stay out of zod's global one. */
function schemasOf(file: string): { official: z.ZodType; strict: z.ZodType } {
  const json = loadSchema(file);
  return {
    official: z.fromJSONSchema(json, { registry: z.registry() }),
    strict: z.fromJSONSchema(jsonObject.parse(strictReading(json)), { registry: z.registry() }),
  };
}

/** HSDS 3.0 `service_at_location` (`data/hsds/service_at_location.json`). */
export const serviceAtLocationSchemas = schemasOf('service_at_location.json');

/** HSDS 3.0 `service`, fully nested (`data/hsds/service.json`). */
export const serviceSchemas = schemasOf('service.json');

/** The problems a schema finds in a value, as `path: message` lines; none when it is valid. */
export function schemaIssues(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
