import type { ParseArgsConfig } from 'node:util';

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

export type Command = {
  name: string;
  summary: string;
  usage: string;
  options: CommandOptions;
  /** Positional arguments allowed (e.g. the file of `push`). */
  positionals?: boolean;
  run(values: Record<string, string | boolean | (string | boolean)[] | undefined>, positionals: string[]): Promise<number | void>;
};

/** A required string option, or a UsageError naming it. */
export function requireString(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageErrorFor(name);
  return value.trim();
}

export class UsageErrorFor extends Error {
  constructor(option: string) {
    super(`--${option} is required`);
    this.name = 'UsageError';
  }
}
