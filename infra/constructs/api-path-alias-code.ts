/**
 * The CloudFront Function of the API's alias paths (`apiPathAliases`), generated at synth time.
 */
/**
 * The viewer-request function that sends each alias path to the path the API answers it at
 * (`apiPathAliases`). CloudFront Functions' JavaScript runtime: no modules, a global `handler`.
 */
export function apiPathAliasCode(aliases: Readonly<Record<string, string>>): string {
  return [
    `var aliases = ${JSON.stringify(aliases)};`,
    'function handler(event) {',
    '  var request = event.request;',
    '  if (Object.prototype.hasOwnProperty.call(aliases, request.uri)) request.uri = aliases[request.uri];',
    '  return request;',
    '}',
  ].join('\n');
}
