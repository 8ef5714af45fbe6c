// Errors the CLI prints as one plain sentence, without a stack trace.
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Reads all of standard input (for --password-stdin); trailing newlines are dropped. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
