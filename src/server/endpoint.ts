import type { APIContext, APIRoute } from 'astro';
import { z } from 'astro/zod';
import { DEFAULT_BODY_LIMIT, readJsonObject } from '../lib/http/parse';
import type { DemoBindings } from '../lib/demos/cache-aside';
import { errorJson, json, methodNotAllowed, type ErrorCode } from '../lib/http/respond';
import type { LearnerScope } from '../lib/learner-scope';
import { demoEnv } from './demo-env';
import { demoResponse, type DemoResult } from './demo-response';

// The shared schemas, so a route imports what it declares from one place.
export * from './schemas';

/**
 * API routes as declarations: per method, the schemas of its path parameters, query string
 * and JSON body, and the handler that runs once they are valid. Input that does not fit
 * answers 400 `bad_request` with the schema's sentence; a method the route does not declare
 * answers 405 with `Allow`. A route marked `demo` answers its handler's DemoResult with
 * `X-Cache` and `Server-Timing` and records it for the monitoring demo. A route with a `caller`
 * runs that guard once the input is valid (who may call: the instructor, a participant of the
 * workshop in the path) and hands the handler what it answered.
 *
 *   export const { GET, ALL } = endpoint({
 *     GET: method({ params: z.object({ id: postId }), demo: 'cache-aside', handler: ({ params, learner, bindings }) => … }),
 *   });
 *
 * Shared schemas (post ids, booleans in a query, trimmed text…) are in ./schemas.ts.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Input<P, Q, B, C = undefined> {
  params: P;
  query: Q;
  body: B;
  /** What the route's `caller` guard answered (the workshop, the participant…). */
  caller: C;
  learner: LearnerScope;
  context: APIContext;
  /** KV and D1 for a demo, with origin scans bounded and budgeted (./demo-env.ts). */
  readonly bindings: DemoBindings;
}

/** A schema, or the fields of an object schema: `{ id: postId }` reads as `z.object({ id: postId })`. */
type Schema<T> = z.ZodType<T> | { [K in keyof T]: z.ZodType<T[K]> };

interface MethodSpec<P, Q, B, C = undefined> {
  params?: Schema<P>;
  query?: Schema<Q>;
  /** A JSON object body (415 unless application/json, 413 past `bodyLimit`). */
  body?: Schema<B>;
  bodyLimit?: number;
  /** The demo's name in the monitoring stats; the handler returns a DemoResult. */
  demo?: string;
  /**
   * Who may call, checked after the input and before the handler: answers what the handler
   * gets as `caller`, or throws the HttpError that refuses (src/server/workshop/guards.ts).
   */
  caller?: (context: APIContext) => Promise<C> | C;
  handler(input: Input<P, Q, B, C>): Promise<Response | object> | Response | object;
}

/** A refusal a handler throws: it becomes the usual `{"error":{"code","message"}}` answer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: HeadersInit = {},
  ) {
    super(message);
  }
}

/** The first problem zod found, as one sentence naming the field. */
function describeIssue(error: z.ZodError, where: string): string {
  const issue = error.issues[0];
  if (!issue) return `The ${where} is not valid.`;
  const field = issue.path.length ? `"${issue.path.join('.')}"` : `The ${where}`;
  // A schema's own message is a whole sentence already; zod's defaults need the field name.
  return issue.message.startsWith('"') || /^[A-Z]/.test(issue.message) ? issue.message : `${field}: ${issue.message}.`;
}

/** `?a=1&b=2&b=3` as `{ a: '1', b: ['2', '3'] }`: repeated names become arrays. */
function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

function parse<T>(schema: Schema<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = (schema instanceof z.ZodType ? schema : (z.object(schema as z.ZodRawShape) as z.ZodType<T>)).safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // A schema from ./schemas.ts `known()`: the thing named does not exist.
  if (issue?.code === 'custom' && issue.params?.notFound) throw new HttpError(404, 'not_found', issue.message);
  throw new HttpError(400, 'bad_request', describeIssue(result.error, where));
}

function handle<P, Q, B, C>(spec: MethodSpec<P, Q, B, C>): APIRoute {
  return async (context) => {
    try {
      const params = parse(spec.params, context.params, 'path');
      const query = parse(spec.query, queryObject(context.url.searchParams), 'query string');
      let body = undefined as B;
      if (spec.body) {
        const read = await readJsonObject(context.request, spec.bodyLimit ?? DEFAULT_BODY_LIMIT);
        if (!read.ok) return read.response;
        body = parse(spec.body, read.value, 'body');
      }
      const caller = (spec.caller ? await spec.caller(context) : undefined) as C;
      const learner = context.locals.learner;
      const result = await spec.handler({
        params, query, body, caller, learner, context,
        // Read on use: the bindings validate ORIGIN_SCAN_ROWS, which routes without an origin never need.
        get bindings() {
          return demoEnv(context.locals);
        },
      });
      if (result instanceof Response) return result;
      if (spec.demo) return demoResponse(context.locals, spec.demo, result as DemoResult);
      return json(result);
    } catch (error) {
      if (error instanceof HttpError) return errorJson(error.status, error.code, error.message, error.headers);
      throw error;
    }
  };
}

// Each method's types are inferred from its own schemas (a mapped type would merge them).
type Specs = {
  [M in Method]?: MethodSpec<any, any, any, any>;
};

/** The route's handlers: one per declared method, and `ALL` for HEAD (as GET) and the 405 of any other. */
export function endpoint<S extends Specs>(specs: S): { [M in keyof S]: APIRoute } & { ALL: APIRoute } {
  const allowed = Object.keys(specs) as Method[];
  const routes = Object.fromEntries(allowed.map((method) => [method, handle(specs[method]!)]));
  // Astro answers HEAD with GET only when a route exports no ALL; exporting ALL must not turn a
  // monitor's `HEAD /api/health` into a 405. (Astro drops the body of a HEAD answer.)
  const all: APIRoute = (context) =>
    context.request.method === 'HEAD' && routes.GET ? routes.GET(context) : methodNotAllowed(allowed);
  return { ...routes, ALL: all } as { [M in keyof S]: APIRoute } & { ALL: APIRoute };
}

/** Typed method spec: infers params/query/body from the schemas given, `caller` from its guard. */
export function method<P = undefined, Q = undefined, B = undefined, C = undefined>(spec: MethodSpec<P, Q, B, C>): MethodSpec<P, Q, B, C> {
  return spec;
}
