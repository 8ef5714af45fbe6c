// The REST API (v1): the tRPC procedures that carry `meta.openapi`, served by trpc-to-openapi.
// The body is read here first so that an oversized one gets a 413 before anything parses it.
import { createOpenApiFetchHandler, generateOpenApiDocument } from 'trpc-to-openapi';
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
  if (req.method === 'GET' || req.method === 'HEAD') return serve(req, req, createContext);
  const body = await readLimited(req);
  if (body === null) return jsonError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
  const forwarded = new Request(req.url, { method: req.method, headers: req.headers, body });
  return writeRequests.run(() => serve(forwarded, req, createContext));
}

/** `forwarded` carries the body already read; the context is built from the original request. */
function serve(forwarded: Request, original: Request, createContext: (req: Request) => Promise<Context>): Promise<Response> {
  return createOpenApiFetchHandler({
    endpoint: REST_BASE,
    router: appRouter,
    req: forwarded,
    createContext: () => createContext(original),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`REST ${original.method} ${path ?? '?'} failed:`, error.cause ?? error);
    },
    responseMeta: ({ errors }) => {
      const limited = errors.find((e) => e.code === 'TOO_MANY_REQUESTS');
      const retryAfter = (limited?.cause as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      return retryAfter ? { headers: { 'retry-after': String(retryAfter) } } : {};
    },
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
