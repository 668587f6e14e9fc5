import { clearStore, readStore, writeStore } from '~/lib/demos/consistency';
import { endpoint, method, text } from '~/server/endpoint';

// The KV key behind the consistency model: real reads and writes of one learner-scoped key.
export const { GET, PUT, DELETE, ALL } = endpoint({
  GET: method({ demo: 'consistency', handler: ({ learner, bindings }) => readStore(bindings, learner) }),
  /** `{"value":"hello"}` */
  PUT: method({
    body: { value: text('value', 200) },
    bodyLimit: 1024,
    demo: 'consistency',
    handler: ({ body, learner, bindings }) => writeStore(bindings, learner, body.value),
  }),
  DELETE: method({ demo: 'consistency', handler: ({ learner, bindings }) => clearStore(bindings, learner) }),
});
