// The REST API (v1): the tRPC procedures that carry `meta.openapi`, served by trpc-to-openapi.
// The body is read here first so that an oversized one gets a 413 before anything parses it.
import { createOpenApiNodeHttpHandler, generateOpenApiDocument } from 'trpc-to-openapi';
import { TRPCError } from '@trpc/server';
import { INGEST_CONCURRENCY, Slots } from '@/server/ingest/slots';
import { appRouter } from '@/server/trpc/root';
import type { Context } from '@/server/trpc/init';

export const REST_BASE = '/api/v1';
/** 5,000 records of a few hundred bytes each fit well under this. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return Response.json({ code, message }, { status, headers });
}

async function readLimited(req: Request): Promise<string | null> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return null;
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A query parameter named after a member of Object.prototype (`constructor`, `__proto__`…):
 * trpc-to-openapi collects parameters in a plain object and fails on those with a 500.
 */
function reservedQueryParameter(url: string): string | null {
  for (const key of new URL(url).searchParams.keys()) if (key in Object.prototype) return key;
  return null;
}

/**
 * Writes handled at once, from parsing the body to the answer. Parsing and validating a batch of
 * 5,000 records is tens of milliseconds of the one JavaScript thread; fifty sites pushing at once
 * would queue that much work ahead of every dashboard read. The others wait here with their body
 * read (so a slow upload holds no slot), and the reads keep their share of the thread.
 */
const writeRequests = new Slots(INGEST_CONCURRENCY);

export async function handleRest(req: Request, createContext: (req: Request) => Promise<Context>): Promise<Response> {
  const reserved = reservedQueryParameter(req.url);
  if (reserved !== null) return jsonError(400, 'BAD_REQUEST', `Unknown query parameter "${reserved}"`);
  if (req.method === 'GET' || req.method === 'HEAD') return serve(req, undefined, createContext);
  const body = await readLimited(req);
  if (body === null) return jsonError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
  return writeRequests.run(() => serve(req, body, createContext));
}

/** The context factory of each request in flight, looked up by the request the handler is given. */
const contexts = new WeakMap<object, () => Promise<Context>>();

/**
 * trpc-to-openapi's handler, built once. Its fetch adapter builds it again for every request,
 * and outside production that checks the whole router's OpenAPI document each time (several
 * milliseconds of the one thread per request); the adapter's remaining work is done in serve.
 */
const openApiHandler = createOpenApiNodeHttpHandler({
  router: appRouter,
  createContext: ({ req }: { req: object }) => {
    const create = contexts.get(req);
    if (!create) throw new Error('REST request without a context');
    return create();
  },
  onError({ error, path, req }: { error: { code: string; cause?: unknown }; path?: string; req: { method?: string } }) {
    if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`REST ${req.method ?? '?'} ${path ?? '?'} failed:`, error.cause ?? error);
  },
  responseMeta: ({ errors }: { errors: { code: string; cause?: unknown }[] }) => {
    const limited = errors.find((e) => e.code === 'TOO_MANY_REQUESTS');
    const retryAfter = (limited?.cause as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return retryAfter ? { headers: { 'retry-after': String(retryAfter) } } : {};
  },
} as unknown as Parameters<typeof createOpenApiNodeHttpHandler>[0]);

/**
 * Serves one request, as trpc-to-openapi's fetch adapter would: the path relative to REST_BASE,
 * the JSON body (already read, as text) parsed once, a PARSE_ERROR when it is not JSON, the
 * answer gathered into a Response. The context is built from the original request.
 */
function serve(original: Request, body: string | undefined, createContext: (req: Request) => Promise<Context>): Promise<Response> {
  const url = new URL(original.url.replace(REST_BASE, '')).toString();
  let parsed: { ok: true; value: unknown } | { ok: false; cause: unknown } = { ok: true, value: undefined };
  if (body !== undefined && original.headers.get('content-type')?.includes('application/json')) {
    try {
      parsed = { ok: true, value: JSON.parse(body) };
    } catch (cause) {
      parsed = { ok: false, cause };
    }
  }
  const req = new Proxy(original, {
    get(target, prop) {
      if (prop === 'url') return url;
      if (prop === 'body') {
        if (!parsed.ok) throw new TRPCError({ code: 'PARSE_ERROR', message: 'Failed to parse request body', cause: parsed.cause });
        return parsed.value;
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  contexts.set(req, () => createContext(original));
  return new Promise((resolve, reject) => {
    const headers = new Headers();
    let status = 200;
    const res = {
      setHeader(key: string, value: string | readonly string[]) {
        if (typeof value === 'string') headers.set(key, value);
        else for (const v of value) headers.append(key, v);
      },
      get statusCode() {
        return status;
      },
      set statusCode(code: number) {
        status = code;
      },
      end(text?: string) {
        resolve(new Response(text, { status, headers }));
      },
    };
    (openApiHandler as unknown as (req: Request, res: object) => Promise<void>)(req, res).catch(reject);
  });
}

export function openApiDocument(baseUrl: string) {
  return generateOpenApiDocument(appRouter, {
    title: 'Vigie API',
    version: '1.0.0',
    baseUrl: `${baseUrl}${REST_BASE}`,
    description:
      'Sites push call records, QA evaluations and daily reports with a site key; people and BI tools read KPIs with a personal token. ' +
      'Send `Authorization: Bearer <key or token>`.',
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
  });
}
