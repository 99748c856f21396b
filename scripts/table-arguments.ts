/**
 * The arguments every maintenance command on the table takes, `--table NAME [--endpoint URL]`
 * (and `--help`), set where the data layer reads them: `TABLE_NAME` and `DYNAMODB_ENDPOINT`.
 * Call it before importing the data layer, which reads its configuration when it loads.
 */
import { parseArgs } from 'node:util';

/** The options' lines for a command's help text. */
export const tableOptionsHelp = `  --table NAME     the finder's table; sets TABLE_NAME (default: $TABLE_NAME)
  --endpoint URL   a local DynamoDB endpoint; sets DYNAMODB_ENDPOINT. Leave it out for AWS, which
                   uses your credentials and AWS_REGION.`;

/** Sets the table from the command line, or prints `helpText` and exits (0 for --help, 2 without a table). */
export function useTableFromArguments(helpText: string): void {
  const { values } = parseArgs({
    options: { table: { type: 'string' }, endpoint: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(helpText);
    process.exit(0);
  }
  if (values.table) process.env.TABLE_NAME = values.table;
  if (values.endpoint) process.env.DYNAMODB_ENDPOINT = values.endpoint;
  if (!process.env.TABLE_NAME) {
    console.error(`Name the table with --table NAME or TABLE_NAME.\n\n${helpText}`);
    process.exit(2);
  }
}
