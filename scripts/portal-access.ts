/**
 * `npm run portal:access`: who may use the outlet portal for which outlets and areas. On AWS the
 * person's account (and their group: outlet_staff, commissioner, admin) lives in Cognito; which
 * outlets and local authorities they belong to lives in the finder's table, and this grants it.
 *
 *   npm run portal:access -- grant  --subject SUB --email EMAIL [--name NAME] [--outlet ID]… [--area CODE [--area-name NAME]]… --table NAME
 *   npm run portal:access -- revoke --subject SUB [--outlet ID]… [--area CODE]… --table NAME
 *   npm run portal:access -- show   --subject SUB --table NAME
 */
import { parseArgs } from 'node:util';

const helpText = `Grants, takes away and shows a person's portal memberships.

  npm run portal:access -- grant  --subject SUB --email EMAIL [--name NAME] [--outlet ID]... [--area CODE [--area-name NAME]]... --table NAME
  npm run portal:access -- revoke --subject SUB [--outlet ID]... [--area CODE]... --table NAME
  npm run portal:access -- show   --subject SUB --table NAME

  --subject SUB    the person's Cognito "sub" (aws cognito-idp admin-get-user … shows it)
  --email EMAIL    their email address, shown with their name in change history
  --outlet ID      an outlet they are staff of (their Cognito group must be outlet_staff)
  --area CODE      a local authority (ONS code, e.g. E08000003) they commission for (group commissioner)
  --area-name NAME how the portal names that area (repeat in the same order as --area)
  --table NAME     the finder's table; sets TABLE_NAME (default: $TABLE_NAME)
  --endpoint URL   a local DynamoDB endpoint; sets DYNAMODB_ENDPOINT. Leave it out for AWS.

A membership counts from the next request. It gives nothing without the matching Cognito group.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    subject: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    outlet: { type: 'string', multiple: true, default: [] },
    area: { type: 'string', multiple: true, default: [] },
    'area-name': { type: 'string', multiple: true, default: [] },
    table: { type: 'string' },
    endpoint: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const fail = (message: string): never => {
  console.error(`${message}\n\n${helpText}`);
  process.exit(2);
};

if (values.help) {
  console.log(helpText);
  process.exit(0);
}
const [command] = positionals;
if (command !== 'grant' && command !== 'revoke' && command !== 'show') fail('Say what to do: grant, revoke or show.');
const subject = values.subject ?? fail('Name the person with --subject SUB.');
if (values.table) process.env.TABLE_NAME = values.table;
if (values.endpoint) process.env.DYNAMODB_ENDPOINT = values.endpoint;
if (!process.env.TABLE_NAME) fail('Name the table with --table NAME or TABLE_NAME.');
for (const outlet of values.outlet) if (!/^[A-Za-z0-9_-]{2,40}$/.test(outlet)) fail(`"${outlet}" is not an outlet id.`);
for (const area of values.area) if (!/^[ENSW]\d{8}$/.test(area)) fail(`"${area}" is not a local authority code like E08000003.`);

// The data layer reads its configuration when it loads: only now that it is set.
const { grantMembership, putUserProfile, readMemberships, revokeMembership } = await import('../functions/data/memberships.js');

if (command === 'grant') {
  const email = values.email ?? fail('Give their email address with --email, for change history.');
  await putUserProfile({ subject, email, name: values.name ?? null });
  for (const outlet of values.outlet) await grantMembership(subject, 'outlet', outlet);
  for (const [index, area] of values.area.entries()) {
    const areaName = values['area-name'][index];
    await grantMembership(subject, 'area', area, areaName ? { targetName: areaName } : {});
  }
} else if (command === 'revoke') {
  for (const outlet of values.outlet) await revokeMembership(subject, 'outlet', outlet);
  for (const area of values.area) await revokeMembership(subject, 'area', area);
}
const memberships = await readMemberships(subject);
console.log(
  `${memberships.label ?? subject}\n  outlets: ${memberships.outlets.join(', ') || 'none'}\n  areas: ${
    memberships.areas.map((code) => (memberships.areaNames?.[code] ? `${code} (${memberships.areaNames[code]})` : code)).join(', ') || 'none'
  }`,
);
