/**
 * Loads `oidc-provider` once. Version 9 warns "Unsupported runtime" on any Node.js before 22 LTS as
 * it loads; the local runtime runs on the machines' Node 20 (Lambda runs 22), where the provider
 * works, as its tests show. That one line would greet every `npm start` and test run, so it alone
 * is kept out; every other warning passes.
 */
import type * as OidcProvider from 'oidc-provider';

let loaded: Promise<typeof OidcProvider> | undefined;

export function loadOidcProvider(): Promise<typeof OidcProvider> {
  loaded ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!String(args[0]).includes('Unsupported runtime')) warn(...args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = warn;
    }
  })();
  return loaded;
}
