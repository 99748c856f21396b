/**
 * The data layer's DynamoDB document client: the commands of `@aws-sdk/lib-dynamodb` the data
 * layer uses, with the same names and input/output shapes, sent as DynamoDB's JSON protocol
 * through the functions' own signed-request module (`../shared/aws-request.ts`).
 *
 * Why not lib-dynamodb: issue 11's bundle budget. The SDK's DynamoDB client brought about 200 KB of
 * Smithy runtime into every Lambda bundle; this is the few hundred lines the data layer needs, on
 * `@aws-sdk/util-dynamodb`'s `marshall`/`unmarshall` (no Smithy), so numbers, sets, lists, maps and
 * `removeUndefinedValues` behave exactly as they did. Only the fields lib-dynamodb converts are
 * converted: Key, Item, ExpressionAttributeValues, ExclusiveStartKey and the batch requests' keys and
 * items going out; Item, Items, Attributes, LastEvaluatedKey, Responses, UnprocessedKeys,
 * UnprocessedItems and ItemCollectionKey coming back. The legacy parameters (`Expected`,
 * `AttributeUpdates`, `KeyConditions`, `QueryFilter`, `ScanFilter`) are not converted: nothing here
 * uses them, and their types are left out so nothing can start to.
 */
import type * as Lib from '@aws-sdk/lib-dynamodb';
import { type NativeAttributeValue, marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { AwsServiceError, type AwsServiceSettings, callAwsJson } from '../shared/aws-request.js';
import { unavailableIfTransient } from './transient-errors.js';

export type {
  BatchGetCommandInput,
  BatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  UpdateCommandInput,
  UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';

type Native = Record<string, NativeAttributeValue>;
type Wire = Record<string, unknown>;
/** DynamoDB's attribute value as JSON carries it (binary as base64). */
type WireValue = Record<string, unknown>;
type Legacy = 'Expected' | 'AttributeUpdates' | 'KeyConditions' | 'QueryFilter' | 'ScanFilter' | 'ConditionalOperator';

// As the data layer's lib-dynamodb client was configured: an undefined attribute is left out.
const marshallOptions = { removeUndefinedValues: true } as const;

/** Binary values travel as base64 in DynamoDB's JSON, as the SDK's serializer sends them. */
function binaryToWire(value: WireValue): WireValue {
  if (value.B instanceof Uint8Array) return { B: Buffer.from(value.B).toString('base64') };
  if (Array.isArray(value.BS)) return { BS: value.BS.map((item: Uint8Array) => Buffer.from(item).toString('base64')) };
  if (Array.isArray(value.L)) return { L: value.L.map(binaryToWire) };
  if (value.M && typeof value.M === 'object') return { M: mapValues(value.M as Record<string, WireValue>, binaryToWire) };
  return value;
}

function binaryFromWire(value: WireValue): WireValue {
  if (typeof value.B === 'string') return { B: new Uint8Array(Buffer.from(value.B, 'base64')) };
  if (Array.isArray(value.BS)) return { BS: value.BS.map((item: string) => new Uint8Array(Buffer.from(item, 'base64'))) };
  if (Array.isArray(value.L)) return { L: value.L.map(binaryFromWire) };
  if (value.M && typeof value.M === 'object') return { M: mapValues(value.M as Record<string, WireValue>, binaryFromWire) };
  return value;
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, convert: (value: T) => U): Record<string, U> {
  const converted: Record<string, U> = {};
  for (const [key, value] of Object.entries(record)) converted[key] = convert(value);
  return converted;
}

/** An item, key or value map as DynamoDB takes it. */
const toWire = (map: Native): Record<string, WireValue> => mapValues(marshall(map, marshallOptions) as unknown as Record<string, WireValue>, binaryToWire);
/** An item, key or value map as the data layer reads it (numbers as numbers: a number beyond 2^53 throws, as lib-dynamodb's default does). */
const fromWire = (map: Record<string, WireValue>): Native => unmarshall(mapValues(map, binaryFromWire) as unknown as Parameters<typeof unmarshall>[0]);

/** `object` with each named field that is present converted. */
function convertFields<T extends object>(object: T, fields: Readonly<Record<string, (value: never) => unknown>>): Wire {
  const converted: Wire = { ...(object as Wire) };
  for (const [name, convert] of Object.entries(fields)) {
    if (converted[name] !== undefined) converted[name] = convert(converted[name] as never);
  }
  return converted;
}

const eachTable = <T, U>(convert: (value: T) => U) => (tables: Record<string, T>) => mapValues(tables, convert);
const eachRequest = (convert: (map: never) => unknown) => (requests: readonly object[]) =>
  requests.map((request) =>
    convertFields(request, {
      PutRequest: (put: object) => convertFields(put, { Item: convert }),
      DeleteRequest: (remove: object) => convertFields(remove, { Key: convert }),
    }),
  );
const keysIn = (convert: (map: never) => unknown) => (request: object) => convertFields(request, { Keys: (keys: never[]) => keys.map(convert) });
const metrics = (convert: (map: never) => unknown) => (metric: object) => convertFields(metric, { ItemCollectionKey: convert });

/** What every command is: its operation, and its input and output converted. */
abstract class DocumentCommand<Input extends object, Output> {
  /** The DynamoDB operation (`GetItem`), from which the target and the command's name follow. */
  abstract readonly operation: string;
  constructor(readonly input: Input) {}
  /** The input as DynamoDB takes it. */
  abstract wireInput(): Wire;
  /** DynamoDB's answer as the data layer reads it. */
  abstract output(wire: Wire): Output;
}

/** The metadata an SDK output carries (a fresh object each time): DynamoDB answers 200 to every command that succeeds. */
const succeeded = () => ({ httpStatusCode: 200 });

export class GetCommand extends DocumentCommand<Lib.GetCommandInput, Lib.GetCommandOutput> {
  readonly operation = 'GetItem';
  wireInput(): Wire {
    return convertFields(this.input, { Key: toWire });
  }
  output(wire: Wire): Lib.GetCommandOutput {
    return { ...convertFields(wire, { Item: fromWire }), $metadata: succeeded() };
  }
}

type WriteInput<T> = Omit<T, Legacy>;

/** Put, Update and Delete: one item written, its old or new attributes returned when asked for. */
abstract class ItemWriteCommand<Input extends object, Output> extends DocumentCommand<Input, Output> {
  wireInput(): Wire {
    return convertFields(this.input, { Key: toWire, Item: toWire, ExpressionAttributeValues: toWire });
  }
  output(wire: Wire): Output {
    return { ...convertFields(wire, { Attributes: fromWire, ItemCollectionMetrics: metrics(fromWire) }), $metadata: succeeded() } as Output;
  }
}

export class PutCommand extends ItemWriteCommand<WriteInput<Lib.PutCommandInput>, Lib.PutCommandOutput> {
  readonly operation = 'PutItem';
}

export class UpdateCommand extends ItemWriteCommand<WriteInput<Lib.UpdateCommandInput>, Lib.UpdateCommandOutput> {
  readonly operation = 'UpdateItem';
}

export class DeleteCommand extends ItemWriteCommand<WriteInput<Lib.DeleteCommandInput>, Lib.DeleteCommandOutput> {
  readonly operation = 'DeleteItem';
}

/** Query and Scan: a page of items, and the key to start the next page from. */
abstract class PageCommand<Input extends object, Output> extends DocumentCommand<Input, Output> {
  wireInput(): Wire {
    return convertFields(this.input, { ExclusiveStartKey: toWire, ExpressionAttributeValues: toWire });
  }
  output(wire: Wire): Output {
    return { ...convertFields(wire, { Items: (items: never[]) => items.map(fromWire), LastEvaluatedKey: fromWire }), $metadata: succeeded() } as Output;
  }
}

export class QueryCommand extends PageCommand<Omit<Lib.QueryCommandInput, Legacy>, Lib.QueryCommandOutput> {
  readonly operation = 'Query';
}

export class ScanCommand extends PageCommand<Omit<Lib.ScanCommandInput, Legacy>, Lib.ScanCommandOutput> {
  readonly operation = 'Scan';
}

export class BatchGetCommand extends DocumentCommand<Lib.BatchGetCommandInput, Lib.BatchGetCommandOutput> {
  readonly operation = 'BatchGetItem';
  wireInput(): Wire {
    return convertFields(this.input, { RequestItems: eachTable(keysIn(toWire)) });
  }
  output(wire: Wire): Lib.BatchGetCommandOutput {
    const converted = convertFields(wire, { Responses: eachTable((items: never[]) => items.map(fromWire)), UnprocessedKeys: eachTable(keysIn(fromWire)) });
    return { ...converted, $metadata: succeeded() };
  }
}

export class BatchWriteCommand extends DocumentCommand<Lib.BatchWriteCommandInput, Lib.BatchWriteCommandOutput> {
  readonly operation = 'BatchWriteItem';
  wireInput(): Wire {
    return convertFields(this.input, { RequestItems: eachTable(eachRequest(toWire)) });
  }
  output(wire: Wire): Lib.BatchWriteCommandOutput {
    const converted = convertFields(wire, {
      UnprocessedItems: eachTable(eachRequest(fromWire)),
      ItemCollectionMetrics: eachTable((list: never[]) => list.map(metrics(fromWire))),
    });
    return { ...converted, $metadata: succeeded() };
  }
}

/**
 * A failed condition, as DynamoDB answers it. `Item` is the item as it stood, when the write asked
 * for it with `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`: unmarshalled here, where the SDK's
 * `ConditionalCheckFailedException.Item` left it in DynamoDB's attribute-value form.
 */
export type ConditionalCheckFailure = AwsServiceError & { readonly name: 'ConditionalCheckFailedException'; readonly Item?: Native };

/** True when a write was refused because its condition did not hold (by name, as every AWS error is told apart). */
export function isConditionalCheckFailure(error: unknown): error is ConditionalCheckFailure {
  return error instanceof AwsServiceError && error.name === 'ConditionalCheckFailedException';
}

/** The failure with its `Item` readable, where the SDK kept it. */
function withOldItem(error: unknown): unknown {
  if (isConditionalCheckFailure(error) && error.details.Item && typeof error.details.Item === 'object') {
    Object.defineProperty(error, 'Item', { value: fromWire(error.details.Item as Record<string, WireValue>), enumerable: true });
  }
  return error;
}

/** Every command the client sends. */
export type AnyDocumentCommand = DocumentCommand<object, unknown>;

export class DynamoDbDocuments {
  /**
   * Tests only (`test/support/dynamodb-faults.ts`): called with the command's name (`PutItemCommand`)
   * before each command is sent. What it throws is what the command throws after the retries –
   * still passed through the client's own error handling, as a real failure would be.
   */
  beforeSendForTests: ((commandName: string) => void) | undefined;

  constructor(readonly settings: AwsServiceSettings) {}

  /**
   * Sends a command and returns its output. A passing failure still failing after the retries
   * (throttling, a time-out, DynamoDB's own error) is thrown as `service_unavailable`, answered 503
   * with `Retry-After`; every other error as DynamoDB named it.
   */
  async send<Input extends object, Output>(command: DocumentCommand<Input, Output>): Promise<Output> {
    return command.output(await this.call(command.operation, command.wireInput()));
  }

  /**
   * An operation in DynamoDB's own JSON (attribute values as DynamoDB writes them, binary as
   * base64), sent and answered as it is, with the same error handling: for table administration and
   * the restore drill (`create-table.ts`, `table-dump.ts`), which work on the table itself or need
   * every value exactly as stored.
   */
  async sendAsIs<Output>(operation: string, input: object): Promise<Output> {
    return (await this.call(operation, input)) as Output;
  }

  private async call(operation: string, input: object): Promise<Wire> {
    // The SDK's command names, so logs and fault plans read as they did.
    const commandName = `${operation}Command`;
    try {
      this.beforeSendForTests?.(commandName);
      return await callAwsJson<Wire>(this.settings, `DynamoDB_20120810.${operation}`, input, '1.0');
    } catch (error) {
      throw unavailableIfTransient(withOldItem(error), commandName);
    }
  }
}
