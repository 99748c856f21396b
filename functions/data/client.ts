/**
 * The data layer's DynamoDB client, built once at module load. On AWS it uses the function's role;
 * locally and in tests `DYNAMODB_ENDPOINT` points it at the embedded engine.
 */
import { config } from '../shared/config.js';
import { clientSettings } from './aws-services.js';
import { DynamoDbDocuments } from './dynamodb-documents.js';

export { awsRequestTimeouts, clientSettings } from './aws-services.js';

const { AWS_REGION, DYNAMODB_ENDPOINT, TABLE_NAME } = config();

export const documents = new DynamoDbDocuments(clientSettings({ AWS_REGION, DYNAMODB_ENDPOINT }));

export const tableName = TABLE_NAME;
