/**
 * The demo's one postal service. Real postal naloxone services exist, but no open data lists them,
 * and the demo never presents a real organisation's name as fact: this one is illustrative, named
 * as such wherever it appears, and posts to Greater Manchester's ten authorities so that a demo
 * search there shows the postal section.
 */
import type { PostalServiceInput } from '../functions/contract/postal-services.js';

/** Greater Manchester's ten local authorities (ONS codes), Bolton to Wigan. */
export const greaterManchesterCodes = [
  'E08000001', 'E08000002', 'E08000003', 'E08000004', 'E08000005',
  'E08000006', 'E08000007', 'E08000008', 'E08000009', 'E08000010',
] as const;

export const demoPostalService: PostalServiceInput = {
  id: 'example-postal-gm',
  name: 'Example postal service – demo, not a real service',
  organisation: 'Example organisation (demo)',
  description:
    'An illustration of how a postal naloxone service appears in the finder: a free kit ordered online and posted in a plain envelope. It is not a real service: nothing can be ordered.',
  whoCanOrder: 'In a real service: anyone aged 18 or over who lives in the area, for themselves or someone they know.',
  website: 'https://example.org/naloxone-by-post',
  phone: null,
  kitTypes: ['nasal'],
  serviceArea: { nations: [], localAuthorities: [...greaterManchesterCodes] },
  status: 'active',
  demo: true,
};
