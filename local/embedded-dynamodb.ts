/**
 * The embedded DynamoDB engine (dynalite), in this process: in memory, or kept in a folder so the
 * local finder's data survives restarts.
 */
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/** The local finder's table on the embedded engine. */
export const localTableName = 'naloxone-finder-local';

export interface EmbeddedDynamoDb {
  /** The endpoint to give the AWS SDK, e.g. `http://127.0.0.1:8000`. */
  endpoint: string;
  close(): Promise<void>;
}

/** Starts the engine on `port` (0 picks a free one). `path` keeps data on disk; omit it for memory. */
export async function startEmbeddedDynamoDb(options: { port?: number; path?: string } = {}): Promise<EmbeddedDynamoDb> {
  if (options.path) await mkdir(options.path, { recursive: true });
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
