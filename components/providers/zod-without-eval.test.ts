import { describe, expect, it } from 'vitest';

describe('ZodWithoutEval', () => {
  it('turns off zod’s compiled parsers through the configuration object zod itself reads', async () => {
    await import('./zod-without-eval');
    const { z } = await import('zod');
    expect(z.config().jitless).toBe(true);
  });
});
