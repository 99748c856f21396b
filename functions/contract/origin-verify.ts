/**
 * The header CloudFront adds to every request it sends to the HTTP API, holding the origin secret
 * (a Secrets Manager secret the stack makes): the functions refuse requests without one of its
 * accepted values, so the execute-api address cannot be called directly, around the CDN and its
 * WAF. The local server adds it as CloudFront does. Lower case, as API Gateway gives header names.
 */
export const originVerifyHeader = 'x-origin-verify';
