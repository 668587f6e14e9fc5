import { checkKey } from '~/lib/kv/limits';
import { errorJson } from '~/lib/http/respond';

// The keys "." and ".." cannot travel in a URL path: clients and the runtime resolve them as
// dot segments before the Worker sees the request (/api/kv/. arrives as /api/kv/, and
// /api/kv/.. as /api/), percent-encoded or not. The addresses they resolve to answer 400 with
// KV's rule, as a key route would, rather than 404 or a listing. (Not a route: `_` files are not.)

export const emptyOrDotKey = () =>
  errorJson(
    400,
    'bad_request',
    `${checkKey('')} ${checkKey('.')} (In a URL, /api/kv/. resolves to /api/kv/, which names no key. To list keys, GET /api/kv without the slash.)`,
  );

export const dotDotKey = () =>
  errorJson(
    400,
    'bad_request',
    `There is no endpoint at /api/ itself. If you meant the key "..": ${checkKey('..')} (In a URL, /api/kv/.. resolves to /api/.)`,
  );
