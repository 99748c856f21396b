/**
 * Reading a postal services file (`npm run import:postal`): a JSON list of services in the finder's
 * own shape (`postalServiceInputSchema`), or `{ "services": [...] }`. Pure: each entry is a service
 * or its problems, by entry; one bad entry never stops the rest.
 */
import { type PostalServiceInput, postalServiceInputSchema } from '../contract/postal-services.js';
import { validationFailed } from '../shared/errors.js';

/** One entry of the file: the service, or what is wrong with it. */
export type PostalImportEntry =
  | { index: number; id: string | null; service: PostalServiceInput; problems: [] }
  | { index: number; id: string | null; service: null; problems: { field: string; message: string }[] };

/** The file's entries; throws `validation_failed` when it is not JSON or holds no list. */
export function readPostalServiceFile(text: string): PostalImportEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw validationFailed('The file is not JSON', [{ path: 'file', message: 'Give a JSON list of postal services' }]);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { services?: unknown } | null)?.services;
  if (!Array.isArray(list)) {
    throw validationFailed('The file holds no list of services', [{ path: 'file', message: 'Give a JSON list, or an object with a "services" list' }]);
  }
  const seen = new Set<string>();
  return list.map((entry, index): PostalImportEntry => {
    const id = typeof (entry as { id?: unknown } | null)?.id === 'string' ? (entry as { id: string }).id : null;
    const result = postalServiceInputSchema.safeParse(entry);
    if (!result.success) {
      return { index, id, service: null, problems: result.error.issues.map((issue) => ({ field: issue.path.join('.') || 'service', message: issue.message })) };
    }
    if (seen.has(result.data.id)) return { index, id, service: null, problems: [{ field: 'id', message: 'This id is given twice in the file' }] };
    seen.add(result.data.id);
    return { index, id, service: result.data, problems: [] };
  });
}
