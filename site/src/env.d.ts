/// <reference types="astro/client" />

interface ImportMetaEnv {
  /** Where the JSON API lives; empty means the same origin as the site. */
  readonly PUBLIC_API_URL?: string;
  /** Map tile URL template with `{z}`, `{x}`, `{y}`; defaults to the OpenStreetMap tile server. */
  readonly PUBLIC_TILE_URL?: string;
  /** The finder's public address, printed on posters and in their QR codes; empty means the address a poster is opened at. */
  readonly PUBLIC_SITE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
