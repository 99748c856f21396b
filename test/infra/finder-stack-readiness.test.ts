/**
 * The readiness reminders' job on AWS (schedule, retries, dead-letter queue, its narrow grants) and
 * the link key it shares with the links' function, asserted on the synthesised template.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readinessIndex } from '../../functions/data/table-schema.js';
import { routeGroups } from '../../functions/routes.js';
import { groupFunctionOf, onlyResource, type Resource, roleStatements, secretDescribed, signIn, useSynthesisedStack } from './support/synthesised-stack.js';

const stack = useSynthesisedStack();
const only = (type: string) => onlyResource(stack, type);
const tableId = () => only('AWS::DynamoDB::Table')[0];
const tableArn = () => ({ 'Fn::GetAtt': [tableId(), 'Arn'] });

describe('readiness reminders', () => {
  /** The readiness job's function. */
  const jobFunction = (): [string, Resource] => {
    const found = Object.entries(stack.template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('^Daily: remind outlets') } }));
    expect(found).toHaveLength(1);
    return found[0] as [string, Resource];
  };
  const statementsOfFunction = (fn: Resource) => roleStatements(stack, fn);
  const secretId = () => secretDescribed(stack, 'readiness reminders')[0];
  /** The one resource of `type` whose `property` refers to the job (the open data job has its own). */
  const ofJob = (type: string, matches: (properties: Record<string, any>, jobId: string) => boolean): [string, Resource] => {
    const [jobId] = jobFunction();
    const found = Object.entries(stack.template.findResources(type)).filter(([, resource]) => matches((resource as Resource).Properties, jobId));
    expect(found).toHaveLength(1);
    return found[0] as [string, Resource];
  };
  const invokeConfigOfJob = () => ofJob('AWS::Lambda::EventInvokeConfig', (properties, jobId) => properties.FunctionName?.Ref === jobId);
  const queueArn = () => invokeConfigOfJob()[1].Properties.DestinationConfig.OnFailure.Destination;

  it('run the job every day at 07:00 London time, retried, with failures kept in a dead-letter queue', () => {
    // Prepare
    const [jobId] = jobFunction();

    // Act
    const [, schedule] = ofJob('AWS::Scheduler::Schedule', (properties, id) => properties.Target.Arn['Fn::GetAtt']?.[0] === id);
    const [, invokeConfig] = invokeConfigOfJob();
    const queue = (stack.template.toJSON().Resources as Record<string, Resource>)[queueArn()['Fn::GetAtt'][0]] as Resource;

    // Assess
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 7 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [jobId, 'Arn'] }, DeadLetterConfig: { Arn: queueArn() }, RetryPolicy: { MaximumRetryAttempts: 2 } },
    });
    expect(invokeConfig.Properties).toMatchObject({
      FunctionName: { Ref: jobId },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: queueArn() } },
    });
    expect(queue.Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
  });

  it('let the job query the readiness index alone, write single items, send from the sender alone and read the link key', () => {
    // Prepare
    const [, job] = jobFunction();

    // Act
    const statements = statementsOfFunction(job);

    // Assess
    expect(statements).toEqual(
      expect.arrayContaining([
        { Effect: 'Allow', Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: tableArn() },
        { Effect: 'Allow', Action: ['dynamodb:Query'], Resource: { 'Fn::Join': ['', [tableArn(), `/index/${readinessIndex.name}`]] } },
        {
          Effect: 'Allow',
          Action: ['ses:SendEmail'],
          Resource: ['arn:aws:ses:eu-west-2:111111111111:identity/finder.example.org', `arn:aws:ses:eu-west-2:111111111111:identity/${signIn.senderEmail}`],
        },
        { Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Resource: { Ref: secretId() } },
      ]),
    );
    // The only other statement lets Lambda put a failed run in the dead-letter queue.
    expect(statements).toHaveLength(5);
    expect(statements.flatMap((statement) => statement.Action)).not.toContain('dynamodb:Scan');
    expect(job.Properties.Timeout).toBe(300);
  });

  it('tell the job the sender, the link key and the site the links open (the custom domain, when there is one)', () => {
    // Act
    const variables = jobFunction()[1].Properties.Environment.Variables;

    // Assess
    expect(variables).toMatchObject({
      TABLE_NAME: { Ref: tableId() },
      EMAIL_FROM: signIn.senderEmail,
      LINK_KEYS_SECRET_ARN: { Ref: secretId() },
      SITE_URL: signIn.extraSiteOrigins[0],
    });
  });

  it('make a secret for the link key, readable by the job and the links\' function and by no other', () => {
    // Prepare
    const readers = (Object.values(stack.template.findResources('AWS::Lambda::Function')) as Resource[]).filter((fn) =>
      statementsOfFunction(fn).some(
        (statement) => statement.Action.includes('secretsmanager:GetSecretValue') && JSON.stringify(statement.Resource).includes(JSON.stringify({ Ref: secretId() })),
      ),
    );

    // Act
    const [, secret] = secretDescribed(stack, 'readiness reminders');

    // Assess
    expect(secret.Properties.GenerateSecretString).toEqual({ ExcludePunctuation: true, PasswordLength: 64 });
    expect(readers.map((fn) => fn.Properties.Description).sort()).toEqual([routeGroups['listing-actions'].description, jobFunction()[1].Properties.Description].sort());
    expect(groupFunctionOf(stack, 'listing-actions')[1].Properties.Environment.Variables.LINK_KEYS_SECRET_ARN).toEqual({ Ref: secretId() });
  });
});
