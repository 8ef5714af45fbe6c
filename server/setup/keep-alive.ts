// How long the server keeps an idle HTTP connection open for the client's next request.
//
// Node's default is 5 s. A client that keeps connections alive (a site's pusher sending a queue
// status every few seconds, a load balancer, a BI tool) and reuses one just as the server closes
// it gets a reset instead of an answer. Keeping idle connections longer than the clients and
// proxies in front do (60 s is the common idle timeout of load balancers and of nginx's upstream
// pool) leaves the closing to them, which is the side that knows when it will reuse a connection.
export const DEFAULT_KEEP_ALIVE_SECONDS = 65;
const MAX_KEEP_ALIVE_SECONDS = 3600;

export class KeepAliveSettingError extends Error {}

/** VIGIE_KEEP_ALIVE_SECONDS in milliseconds, as `next start --keepAliveTimeout` takes it. */
export function keepAliveTimeoutMs(env: Record<string, string | undefined>): number {
  const raw = env.VIGIE_KEEP_ALIVE_SECONDS?.trim();
  if (!raw) return DEFAULT_KEEP_ALIVE_SECONDS * 1000;
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds < 1 || seconds > MAX_KEEP_ALIVE_SECONDS) {
    throw new KeepAliveSettingError(
      `VIGIE_KEEP_ALIVE_SECONDS must be a whole number of seconds from 1 to ${MAX_KEEP_ALIVE_SECONDS}, not "${raw}"`,
    );
  }
  return seconds * 1000;
}
