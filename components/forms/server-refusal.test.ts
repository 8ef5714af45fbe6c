import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { refusalOf } from './server-refusal';

/** A refusal as the tRPC client hands it to a mutation's onError. */
function refused(message: string, data: unknown): unknown {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

describe('refusalOf', () => {
  it('gives the schema’s reasons, the form’s and each field’s, when validation refused', () => {
    const error = refused('Bad input', { code: 'BAD_REQUEST', zodError: { formErrors: ['At least one channel.'], fieldErrors: { sites: ['PLU is not active.'], name: undefined } } });
    expect(refusalOf(error)).toBe('At least one channel. PLU is not active.');
  });

  it('gives the server’s message for any other refusal', () => {
    expect(refusalOf(refused('The contract changed meanwhile.', { code: 'CONFLICT', zodError: null }))).toBe('The contract changed meanwhile.');
    expect(refusalOf(refused('Nothing to say.', { code: 'BAD_REQUEST', zodError: { formErrors: [], fieldErrors: {} } }))).toBe('Nothing to say.');
  });

  it('has nothing to say of an error that is not the server’s', () => {
    expect(refusalOf(new Error('offline'))).toBeUndefined();
  });
});
