// A stand-in for the server `npm start` launches, for server/launcher-watch.test.ts: it watches its
// launcher as the real one does (exitWithLauncher), listens on a free port, and says where. With
// IGNORE_SIGTERM it plays a server that does not stop when asked.
import http from 'node:http';
import { exitWithLauncher } from '@/server/launcher-watch';

if (process.env.IGNORE_SIGTERM) process.on('SIGTERM', () => {});
const watching = exitWithLauncher(process.env, Number(process.env.GRACE_MS || 5_000));
const server = http.createServer((_req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(JSON.stringify({ pid: process.pid, port, watching }));
});
