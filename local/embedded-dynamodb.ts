/**
 * The embedded DynamoDB engine (dynalite), in this process: in memory, or kept in a folder so the
 * local finder's data survives restarts.
 */
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { Level } from 'level';

/** The local finder's table on the embedded engine. */
export const localTableName = 'naloxone-finder-local';

export interface EmbeddedDynamoDb {
  /** The endpoint to give the AWS SDK, e.g. `http://127.0.0.1:8000`. */
  endpoint: string;
  close(): Promise<void>;
}

/** The data folder is open in another process (a running finder): one engine at a time can use it. */
export class DataInUseError extends Error {
  constructor(readonly path: string) {
    super(`The local data in ${path} is in use by another process: is the finder running? Stop it first, or choose another folder with --data-dir.`);
    this.name = 'DataInUseError';
  }
}

/**
 * Opens and closes the folder's database once, so a folder another process holds is reported
 * plainly: dynalite would open it lazily and throw from a callback on the first request.
 */
async function checkNotInUse(path: string): Promise<void> {
  const probe = new Level(path);
  try {
    await probe.open();
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === 'LEVEL_LOCKED') throw new DataInUseError(path);
    throw error;
  }
  await probe.close();
}

/**
 * Starts the engine on `port` (0 picks a free one). `path` keeps data on disk; omit it for memory.
 * Throws `DataInUseError` when another process has the folder open.
 */
export async function startEmbeddedDynamoDb(options: { port?: number; path?: string } = {}): Promise<EmbeddedDynamoDb> {
  if (options.path) {
    await mkdir(options.path, { recursive: true });
    await checkNotInUse(options.path);
  }
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
