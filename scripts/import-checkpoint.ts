/**
 * The checkpoint of a resumable import (postcodes, or outlets): how far it got, for which file and
 * destination.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import * as z from 'zod';
import type { SourceKind } from './postcode-csv.js';

const checkpointSchema = z.object({
  version: z.literal(1),
  kind: z.enum(['postcodes', 'districts', 'outlets']),
  table: z.string(),
  endpoint: z.string(),
  fileSize: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  invalidExamples: z.array(z.object({ row: z.number(), reason: z.string(), value: z.string() })),
  completed: z.boolean(),
  updatedAt: z.string(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** The usual checkpoint file of an input file: next to it, so a resumed run finds it. */
export const checkpointPathFor = (file: string) => `${file}.import-state.json`;

/** What a checkpoint must match to be resumed: the same kind of file, size and destination. */
export interface CheckpointTarget {
  kind: SourceKind | 'outlets';
  fileSize: number;
  table: string;
  endpoint: string;
}

/** The checkpoint at `path`, or null if there is none; throws if it is unreadable or for another import. */
export async function loadCheckpoint(path: string, here: CheckpointTarget): Promise<Checkpoint | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) throw new Error(`The checkpoint ${path} is not readable: pass --restart to start again`);
  const checkpoint = parsed.data;
  const mismatch =
    checkpoint.kind !== here.kind
      ? `is for ${checkpoint.kind}, not ${here.kind}`
      : checkpoint.table !== here.table || checkpoint.endpoint !== here.endpoint
        ? `is for table ${checkpoint.table} at ${checkpoint.endpoint}, not ${here.table} at ${here.endpoint}`
        : checkpoint.fileSize !== here.fileSize
          ? 'was made from a file of another size'
          : null;
  if (mismatch) throw new Error(`The checkpoint ${path} ${mismatch}: pass --restart to start again`);
  return checkpoint;
}

/** Saves a checkpoint atomically. */
export async function saveCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  // Write then rename, so an interrupted write never leaves half a checkpoint.
  const temporary = `${path}.tmp`;
  await writeFile(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`);
  await rename(temporary, path);
}

