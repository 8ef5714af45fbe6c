// The CSV column mapping `vigie push --mapping` uses: the site's saved mapping, fetched by name with
// the site key, or a JSON file on disk (a mapping being tried before it is saved). Either way it is
// checked with the one mapping schema before a line is read.
import fs from 'node:fs';
import { z } from 'zod';
import { csvMappingSchema, mappingIssuesInWords, type CsvMapping } from '@/lib/importers/csv-mapping';
import { PushError } from './client';

export class MappingError extends Error {
  override name = 'UsageError';
}

/** GET <url>/api/v1/import-mappings/<name>, whatever form the URL was given in (as push takes it). */
export function mappingEndpoint(url: string, name: string): string {
  const base = url.replace(/\/+$/, '').replace(/\/api\/v1(\/(calls|evaluations))?$/, '');
  return `${base}/api/v1/import-mappings/${encodeURIComponent(name)}`;
}

function checked(data: unknown, from: string): CsvMapping {
  const parsed = csvMappingSchema.safeParse(data);
  if (!parsed.success) throw new MappingError(`The mapping ${from} is not a valid column mapping:\n  ${mappingIssuesInWords(parsed.error).join('\n  ')}`);
  return parsed.data;
}

/** GET /import-mappings/{name} answers the saved mapping with its site, name and dates (server/importers/router.ts). */
const savedMappingAnswer = z.object({ mapping: z.unknown() });

/** The server's own words for a refusal (`{ code, message }`), else the start of its answer. */
function refusalText(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: a proxy's page, say; its start is shown as it is.
  }
  return text.slice(0, 300);
}

export async function fetchMapping(url: string, key: string, name: string): Promise<CsvMapping> {
  const endpoint = mappingEndpoint(url, name);
  let res: Response;
  try {
    res = await fetch(endpoint, { headers: { authorization: `Bearer ${key}`, accept: 'application/json' } });
  } catch (error) {
    throw new PushError(`Could not reach ${endpoint} for the mapping "${name}": ${(error as Error).message}`, null, 0);
  }
  const text = await res.text();
  if (res.status === 404) throw new MappingError(`No mapping "${name}" for this key's site (${refusalText(text)}); mappings are saved on the upload page, or give a file: --mapping ./mapping.json`);
  if (!res.ok) throw new PushError(`The server refused the mapping "${name}" (HTTP ${res.status}: ${refusalText(text)})`, res.status, 0);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new PushError(`The server's answer for the mapping "${name}" is not JSON: ${text.slice(0, 200)}`, res.status, 0);
  }
  const saved = savedMappingAnswer.safeParse(answer);
  if (!saved.success) throw new PushError(`The server's answer for the mapping "${name}" holds no mapping: ${text.slice(0, 200)}`, res.status, 0);
  return checked(saved.data.mapping, `"${name}" from the server`);
}

export function readMappingFile(file: string): CsvMapping {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MappingError(`${file} is not a JSON mapping: ${(error as Error).message}`);
  }
  return checked(data, `in ${file}`);
}

/** `--mapping ./file.json` when that path exists, else the name of a mapping saved for the site. */
export function loadMapping(ref: string, server: { url: string; key: string }): Promise<CsvMapping> {
  if (fs.existsSync(ref) && fs.statSync(ref).isFile()) return Promise.resolve(readMappingFile(ref));
  return fetchMapping(server.url, server.key, ref);
}
