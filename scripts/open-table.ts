/**
 * What import commands share: their file argument and its text, and the table they work on.
 *
 * Points the data layer at the table a maintenance command works on: the one named (`--table`, on
 * AWS or at `--endpoint`), or else the local finder's data, opened here in the embedded engine.
 * Call it before importing the data layer, which reads its configuration when it loads.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type EmbeddedDynamoDb, localTableName, startEmbeddedDynamoDb } from '../local/embedded-dynamodb.js';

/** The options every import command takes (`parseArgs`): a dry run, the table, the local data, help. */
export const importCommandOptions = {
  'dry-run': { type: 'boolean', default: false },
  table: { type: 'string' },
  endpoint: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

/** The table's name, and the local engine opened for the command (close it at the end) when no table was named. */
export async function openTableForCommand(options: {
  table?: string | undefined;
  endpoint?: string | undefined;
  dataDir?: string | undefined;
}): Promise<{ table: string; localEngine: EmbeddedDynamoDb | undefined }> {
  if (options.table) process.env.TABLE_NAME = options.table;
  if (options.endpoint) process.env.DYNAMODB_ENDPOINT = options.endpoint;
  process.env.LOG_LEVEL ??= 'WARN';
  if (process.env.TABLE_NAME) return { table: process.env.TABLE_NAME, localEngine: undefined };
  const dataDir = options.dataDir ?? fileURLToPath(new URL('../.local/dynamodb', import.meta.url));
  let engine: EmbeddedDynamoDb;
  try {
    engine = await startEmbeddedDynamoDb({ path: dataDir });
  } catch (error) {
    console.error(`Could not open the local data in ${dataDir} (${(error as Error).message}). Is npm start running? Stop it first.`);
    process.exit(2);
  }
  process.env.DYNAMODB_ENDPOINT = engine.endpoint;
  process.env.TABLE_NAME = localTableName;
  const { ensureTable } = await import('../functions/data/create-table.js');
  await ensureTable();
  return { table: localTableName, localEngine: engine };
}

/** The one file an import command is given, after `--help`: prints the help and exits when there is none. */
export function importFileArgument(help: boolean | undefined, positionals: readonly string[], helpText: string): string {
  if (help) {
    console.log(helpText);
    process.exit(0);
  }
  const [file] = positionals;
  if (!file) {
    console.error(`Name the file to import.\n\n${helpText}`);
    process.exit(2);
  }
  return file;
}

/** The import file's text; says why and exits when it cannot be read. */
export function readImportFile(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    console.error(error.code === 'ENOENT' ? `There is no file ${file}` : `Could not read ${file}: ${error.message}`);
    process.exit(2);
  });
}

/** What `read` makes of the file; a file it refuses (`DomainError`) is said and the command exits. */
export async function readOrExit<T>(read: () => T): Promise<T> {
  const { DomainError } = await import('../functions/shared/errors.js');
  try {
    return read();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(error.issues[0]?.message ?? error.message);
    process.exit(2);
  }
}
