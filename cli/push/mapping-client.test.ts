// The mapping of `vigie push --mapping`: the endpoint from any form of the URL push takes, and a
// mapping file checked with the one schema (the server's copy is fetched in cli/commands/push.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mappingEndpoint, readMappingFile } from './mapping-client';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-mapping-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('mappingEndpoint', () => {
  it('takes the base URL, the API root or the calls endpoint, and escapes the name', () => {
    expect(mappingEndpoint('https://hq.example/', 'pbx-fr')).toBe('https://hq.example/api/v1/import-mappings/pbx-fr');
    expect(mappingEndpoint('https://hq.example/api/v1', 'pbx fr')).toBe('https://hq.example/api/v1/import-mappings/pbx%20fr');
    expect(mappingEndpoint('https://hq.example/api/v1/calls', 'a.b')).toBe('https://hq.example/api/v1/import-mappings/a.b');
  });
});

describe('readMappingFile', () => {
  it('reads the sample mapping with its defaults applied', () => {
    const mapping = readMappingFile(path.join(SAMPLES, 'csv/pbx-fr.mapping.json'));
    expect(mapping).toMatchObject({ name: 'pbx-fr', delimiter: ';', header: true, timeZone: 'Europe/Paris' });
  });

  it('says what is wrong with a file that is not JSON, or not a mapping', () => {
    const notJson = path.join(dir, 'not.json');
    fs.writeFileSync(notJson, 'name=pbx');
    expect(() => readMappingFile(notJson)).toThrow(/not\.json is not a JSON mapping/);
    const local = path.join(dir, 'local.json');
    fs.writeFileSync(local, JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(SAMPLES, 'csv/pbx-fr.mapping.json'), 'utf8')), timeZone: undefined }));
    expect(() => readMappingFile(local)).toThrow(/not a valid column mapping:\n\s+timeZone: Dates as dd\/MM\/yyyy HH:mm:ss carry no offset/);
  });
});
