/**
 * People's profiles and memberships: which outlets a person is staff of and which local
 * authorities they commission for. Kept in DynamoDB, not in the token, so a membership granted or
 * taken away counts from the next request. All of a person's records share one partition, read
 * with one Query.
 */
import { DeleteCommand, PutCommand } from './dynamodb-documents.js';
import type { Memberships } from '../core/access.js';
import { documents, tableName } from './client.js';
import { type MembershipKind, membershipKey, membershipSortPrefix, userPartition, userProfileKey } from './keys.js';
import { queryItems } from './query-pages.js';

/** How a person is named to others in the portal (change history). */
export interface UserProfile {
  subject: string;
  email: string;
  name: string | null;
}

/** The profile item. Pure. */
export function userProfileItem(profile: UserProfile): Record<string, unknown> {
  return { ...userProfileKey(profile.subject), entity: 'user', ...profile };
}

/** A membership item. Pure. */
export function membershipItem(
  subject: string,
  kind: MembershipKind,
  target: string,
  grantedAt: string,
  targetName?: string,
): Record<string, unknown> {
  return { ...membershipKey(subject, kind, target), entity: 'membership', subject, kind, target, grantedAt, targetName };
}

/** The memberships and label in a person's items, ignoring anything malformed. Pure. */
export function membershipsFromItems(items: Record<string, unknown>[]): Memberships {
  const areaNames: Record<string, string> = {};
  const memberships: Memberships = { outlets: [], areas: [], label: null, areaNames };
  for (const item of items) {
    if (item.sk === 'PROFILE') {
      const name = typeof item.name === 'string' && item.name ? item.name : null;
      const email = typeof item.email === 'string' && item.email ? item.email : null;
      memberships.label = name && email ? `${name} (${email})` : (name ?? email);
    } else if (typeof item.sk === 'string' && item.sk.startsWith(membershipSortPrefix) && typeof item.target === 'string') {
      if (item.kind === 'outlet') memberships.outlets.push(item.target);
      if (item.kind === 'area') {
        memberships.areas.push(item.target);
        if (typeof item.targetName === 'string') areaNames[item.target] = item.targetName;
      }
    }
  }
  return memberships;
}

/** A person's memberships, read consistently so a membership just taken away counts at once. */
export async function readMemberships(subject: string): Promise<Memberships> {
  const items = await queryItems({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': userPartition(subject) },
    ConsistentRead: true,
  });
  return membershipsFromItems(items);
}

/** Creates or replaces a person's profile. */
export async function putUserProfile(profile: UserProfile): Promise<void> {
  await documents.send(new PutCommand({ TableName: tableName, Item: userProfileItem(profile) }));
}

/** Makes a person staff of an outlet or a commissioner of an area (idempotent); `targetName` names an area for the portal. */
export async function grantMembership(
  subject: string,
  kind: MembershipKind,
  target: string,
  { targetName, now = new Date() }: { targetName?: string; now?: Date } = {},
): Promise<void> {
  await documents.send(
    new PutCommand({ TableName: tableName, Item: membershipItem(subject, kind, target, now.toISOString(), targetName) }),
  );
}

/** Takes a membership away (idempotent). */
export async function revokeMembership(subject: string, kind: MembershipKind, target: string): Promise<void> {
  await documents.send(new DeleteCommand({ TableName: tableName, Key: membershipKey(subject, kind, target) }));
}
