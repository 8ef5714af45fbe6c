// Test support: Vigie's REST API (the handler the server mounts) behind a real HTTP listener on
// loopback, on a test database, that can be stopped and started again on the same port, or made
// to answer 503 as a proxy in front of a restarting server does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DbHandle } from '@/db/client';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';

export type RestServer = {
  readonly port: number;
  readonly url: string;
  /** 'unavailable': every request is answered 503 without reaching the API. */
  mode: 'api' | 'unavailable';
  /** Requests answered, by path. */
  readonly requests: { path: string; status: number }[];
  start(): Promise<void>;
  /** Closes the listener and every open connection: the port refuses connections until start(). */
  stop(): Promise<void>;
};

export function restServer(handle: DbHandle): RestServer {
  let server: http.Server | null = null;
  let port = 0;
  const state: RestServer = {
    get port() {
      return port;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    mode: 'api',
    requests: [],
    async start() {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          if (state.mode === 'unavailable') {
            state.requests.push({ path: req.url ?? '', status: 503 });
            res.writeHead(503, { 'content-type': 'text/plain' });
            res.end('restarting');
            return;
          }
          const request = new Request(`http://vigie.test${req.url}`, {
            method: req.method,
            headers: req.headers as Record<string, string>,
            ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
          });
          void handleRest(request, (r) => contextFromRequest(r, { handle, session: async () => null })).then(async (answer) => {
            state.requests.push({ path: req.url ?? '', status: answer.status });
            res.writeHead(answer.status, Object.fromEntries(answer.headers));
            res.end(Buffer.from(await answer.arrayBuffer()));
          });
        });
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    },
    async stop() {
      const s = server;
      server = null;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
  return state;
}
