// Test support: reads a server-sent event stream block by block, as a browser's EventSource would.

export type SseBlock = { event: string | null; id: string | null; data: string | null; retry: string | null; comment: string | null };

export function parseSseBlock(block: string): SseBlock {
  const out: SseBlock = { event: null, id: null, data: null, retry: null, comment: null };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) out.comment = line.slice(1).trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event' || field === 'id' || field === 'data' || field === 'retry') out[field] = value;
  }
  return out;
}

export class SseReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  /** A read still pending when a wait timed out: the next wait takes it up, so no chunk is lost. */
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The next block (event, comment or retry), or null when the stream ends or `timeoutMs` passes. */
  async next(timeoutMs = 5_000): Promise<SseBlock | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        return parseSseBlock(block);
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      this.pending ??= this.reader.read();
      const chunk = await Promise.race([
        this.pending,
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), left);
        }),
      ]);
      clearTimeout(timer);
      if (chunk === null) return null;
      this.pending = null;
      if (chunk.done) return null;
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }

  /** The next `event: snapshot` block's data, parsed; comments and `retry` are skipped. */
  async nextSnapshot<T>(timeoutMs = 5_000): Promise<{ id: string | null; data: T } | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const block = await this.next(Math.max(1, deadline - Date.now()));
      if (block === null) return null;
      if (block.event === 'snapshot' && block.data !== null) return { id: block.id, data: JSON.parse(block.data) as T };
    }
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }
}
