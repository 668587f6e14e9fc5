import { readTenantConfig, saveTenantConfig } from '~/lib/demos/key-design';
import { bool, endpoint, method, queryBoolean, tenantId, text } from '~/server/endpoint';

export const { GET, PUT, ALL } = endpoint({
  /** `?tenant=acme&namespaced=false` — read the tenant's configuration back. */
  GET: method({
    query: { tenant: tenantId(), namespaced: queryBoolean('namespaced').default(true) },
    demo: 'key-design',
    handler: ({ query, learner, bindings }) => readTenantConfig(bindings, learner, query.tenant, query.namespaced),
  }),
  /** `{"tenant":"acme","theme":"orange","namespaced":false}` — save it under `config` or `tenant:acme:config`. */
  PUT: method({
    body: { tenant: tenantId(), theme: text('theme', 40), namespaced: bool('namespaced') },
    bodyLimit: 1024,
    demo: 'key-design',
    handler: ({ body, learner, bindings }) => saveTenantConfig(bindings, learner, body.tenant, body.theme, body.namespaced),
  }),
});
