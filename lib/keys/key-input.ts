import { z } from 'zod';

export const credentialName = z
  .string()
  .trim()
  .min(1, 'Give it a name')
  .max(100, 'At most 100 characters');

export const siteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 letters');
