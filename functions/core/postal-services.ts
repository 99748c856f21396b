/**
 * Postal naloxone services, pure: the area codes a service posts to, whether it covers a searched
 * place, and what the public sees of it.
 */
import { nationCodes, nationNames } from '../contract/nations.js';
import type { PostalService, PostalServiceSummary, SearchedArea, ServiceArea } from '../contract/postal-services.js';
import { localAuthorityName } from './local-authorities.js';

/** The GSS codes a service area is keyed by: its nations' codes and its local authorities' codes. */
export function serviceAreaCodes(area: ServiceArea): string[] {
  return [...area.nations.map((nation) => nationCodes[nation]), ...area.localAuthorities];
}

/** The codes a searched place is looked up by: its local authority's and its nation's, those known. */
export function searchedAreaCodes(area: SearchedArea): string[] {
  return [...(area.localAuthorityCode ? [area.localAuthorityCode] : []), ...(area.nation ? [nationCodes[area.nation]] : [])];
}

/** Whether the service posts to the searched place, checked on the service itself (a pointer may be a leftover). */
export function coversArea(service: Pick<PostalService, 'serviceArea' | 'status'>, area: SearchedArea): boolean {
  if (service.status !== 'active') return false;
  const codes = new Set(serviceAreaCodes(service.serviceArea));
  return searchedAreaCodes(area).some((code) => codes.has(code));
}

/** "England and Wales", "Bolton, Bury and Manchester": where a service posts to, in words. */
export function serviceAreaInWords(area: ServiceArea): string {
  const names = [
    ...area.nations.map((nation) => nationNames[nation]),
    ...area.localAuthorities.map((code) => localAuthorityName(code) ?? code).sort((a, b) => a.localeCompare(b, 'en-GB')),
  ];
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The public's view of a postal service: an allow-list of its fields. */
export function toPostalServiceSummary(service: PostalService): PostalServiceSummary {
  return {
    id: service.id,
    name: service.name,
    organisation: service.organisation,
    description: service.description,
    whoCanOrder: service.whoCanOrder,
    website: service.website,
    phone: service.phone,
    kitTypes: service.kitTypes,
    areaInWords: serviceAreaInWords(service.serviceArea),
    demo: service.demo,
  };
}
