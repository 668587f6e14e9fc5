import { cacheWithTtl, listTtlKeys, ttlRefusal, ttlRequest } from '~/lib/demos/ttl';
import { checkedBy, endpoint, HttpError, method } from '~/server/endpoint';

export const { GET, POST, ALL } = endpoint({
  GET: method({ demo: 'ttl', handler: ({ learner, bindings }) => listTtlKeys(bindings, learner) }),
  /** `{"preset":"session"}` or `{"ttl":90}`: cache a value with that TTL and answer with the absolute expiration `list()` reports. */
  POST: method({
    body: checkedBy(ttlRequest),
    bodyLimit: 1024,
    demo: 'ttl',
    handler: async ({ body, learner, bindings }) => {
      const result = await cacheWithTtl(bindings, learner, body.name, body.ttlSeconds);
      if (!result.ok) throw new HttpError(400, 'bad_request', ttlRefusal(result));
      const { ok: _ok, ...answer } = result;
      return answer;
    },
  }),
});
