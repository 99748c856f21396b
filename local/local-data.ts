/**
 * The local finder's data: the embedded DynamoDB engine, the table and, on the first start, the
 * demo data. `npm start` opens it behind the server; `npm run reset` and `--no-serve` only prepare
 * it, so they need no port of the finder's and work while a finder is running elsewhere.
 */
import { type EmbeddedDynamoDb, localTableName, startEmbeddedDynamoDb } from './embedded-dynamodb.js';

export interface LocalDataOptions {
  /** Folder for the engine's data; omit to keep it in memory. */
  dataPath?: string;
  tableName?: string;
  /** Load the demo data if the table has none yet (default true). */
  seed?: boolean;
  log?: (line: string) => void;
}

/**
 * Starts the engine on a free port, points the functions at it (they read their configuration
 * from the environment once, so this comes before loading them), makes sure the table and its
 * indexes exist and loads the demo data if it is not there yet. The caller closes the engine.
 */
export async function openLocalData(options: LocalDataOptions): Promise<EmbeddedDynamoDb> {
  const engine = await startEmbeddedDynamoDb(options.dataPath ? { path: options.dataPath } : {});
  try {
    process.env.DYNAMODB_ENDPOINT = engine.endpoint;
    process.env.TABLE_NAME = options.tableName ?? localTableName;
    process.env.AWS_REGION ??= 'eu-west-2';
    // The SDK warns that Node 20 support ends; Lambda runs Node 22, so the warning is noise here.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    // The same metrics as on Lambda, printed as one short line each rather than EMF's JSON (`shared/metrics.ts`).
    process.env.METRICS_OUTPUT ??= 'summary';
    const { ensureTable } = await import('../functions/data/create-table.js');
    await ensureTable();
    if (options.seed !== false) {
      const { seedDemoData } = await import('./seed-demo.js');
      await seedDemoData(options.log ?? (() => {}));
    }
    return engine;
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/** Prepares the local data and closes the engine again: `npm run reset`, `npm start -- --no-serve`. */
export async function prepareLocalData(options: LocalDataOptions): Promise<void> {
  const engine = await openLocalData(options);
  await engine.close();
}
