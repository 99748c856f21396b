/**
 * The local authorities that get an area poster (build time only): every current authority the
 * finder knows by name (`functions/core/local-authority-names.json`), with its centre from the
 * same mySociety list (`data/uk-local-authorities-mysociety.csv`, CC BY 4.0). The poster's QR code
 * opens the finder's search around that centre.
 *
 * Left out: combined and strategic regional authorities (Greater Manchester, London…). They lie over
 * councils that have posters of their own, drug services are commissioned by those councils, and
 * the list gives several of them no centre.
 */
/// <reference types="vite/client" />
// (`?raw`: the CSV's text, read by Vite at build time and by vitest in the tests.)
import names from '../../../functions/core/local-authority-names.json' with { type: 'json' };
import { parseCsv } from '../../../functions/core/csv.js';
import mySocietyCsv from '../../../data/uk-local-authorities-mysociety.csv?raw';

export interface PosterArea {
  /** ONS (GSS) code, as the finder names areas everywhere: `E08000009`. */
  readonly code: string;
  readonly name: string;
  /** The authority's centre, rounded to 3 decimal places (about 100 m), as a search point. */
  readonly lat: string;
  readonly lng: string;
}

/** Authority types that lie over councils with posters of their own. */
const overlyingTypes = new Set(['Combined authority', 'Strategic Regional Authority']);

/** Every area with a poster, by name. Throws if the list has no centre for one that should have it. */
export function posterAreas(): PosterArea[] {
  const [header, ...rows] = parseCsv(mySocietyCsv);
  const column = (name: string): number => {
    const index = header?.fields.indexOf(name) ?? -1;
    if (index < 0) throw new Error(`uk-local-authorities-mysociety.csv has no ${name} column`);
    return index;
  };
  const [gss, type, lat, lng] = [column('gss-code'), column('local-authority-type-name'), column('lat'), column('long')];
  const byCode = new Map(rows.map(({ fields }) => [fields[gss] ?? '', fields]));
  return Object.entries(names as Record<string, string>)
    .filter(([code]) => !overlyingTypes.has(byCode.get(code)?.[type] ?? ''))
    .map(([code, name]) => {
      const fields = byCode.get(code);
      // `Number('')` is 0, a point off Africa: an empty field is no centre.
      const centre = fields?.[lat] && fields[lng] ? { lat: Number(fields[lat]), lng: Number(fields[lng]) } : null;
      if (!centre || !Number.isFinite(centre.lat) || !Number.isFinite(centre.lng)) throw new Error(`No centre for local authority ${code}`);
      return { code, name, lat: centre.lat.toFixed(3), lng: centre.lng.toFixed(3) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}
