// oidc-provider's own in-memory adapter, which its types do not declare. Given explicitly, it is
// the same store the provider would use by default, without the warning meant for production.
declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  import type { AdapterFactory } from 'oidc-provider';
  export function createMemoryAdapter(clockTolerance?: number): AdapterFactory;
}
