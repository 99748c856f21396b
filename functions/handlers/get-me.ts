/**
 * `GET /api/me`: who is signed in, what they may do, and their outlets and areas by name.
 */
import type { MeResponse } from '../contract/me.js';
import { ageInDays } from '../core/listing-age.js';
import { getStoredOutlets } from '../data/outlets.js';
import { json } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const getMe: SignedInHandler = async ({ actor }) => {
  const now = new Date();
  const outlets = await getStoredOutlets(actor.outlets);
  const body: MeResponse = {
    subject: actor.subject,
    label: actor.label,
    roles: actor.roles,
    outlets: outlets.map(({ outlet }) => ({
      id: outlet.id,
      name: outlet.name,
      address: outlet.address,
      outletType: outlet.outletType,
      cabinetStatus: outlet.cabinetStatus,
      status: outlet.status,
      stock: outlet.stock,
      assuredAt: outlet.assuredAt,
      assuredAgeDays: ageInDays(outlet.assuredAt, now),
      demo: outlet.demo,
    })),
    areas: actor.areas.map((code) => ({ code, name: actor.areaNames[code] ?? null })),
  };
  return json(200, body);
};
