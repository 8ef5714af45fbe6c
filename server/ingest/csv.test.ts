import { describe, expect, it } from 'vitest';
import { detectCsvKind, parseIngestCsv } from './csv';

describe('parseIngestCsv', () => {
  it('maps call columns (camelCase or snake_case) and coerces numbers, booleans and empty cells', () => {
    const text = [
      'external_id,started_at,direction,queue,agent_ref,wait_seconds,talk_seconds,hold_seconds,wrap_seconds,abandoned,resolved,csat,mission_code,outcome',
      'c-1,2026-11-02T09:00:00+01:00,inbound,billing,A17,12,300.5,0,20,false,true,5,RET,saved',
      'c-2,2026-11-02T09:05:00+01:00,inbound,billing,,3,0,0,0,yes,,,,',
    ].join('\n');
    const { records, errors } = parseIngestCsv('calls', text);
    expect(errors).toEqual([]);
    expect(records[0]).toEqual({
      externalId: 'c-1',
      startedAt: '2026-11-02T09:00:00+01:00',
      direction: 'inbound',
      queue: 'billing',
      agentRef: 'A17',
      waitSeconds: 12,
      talkSeconds: 300.5,
      holdSeconds: 0,
      wrapSeconds: 20,
      abandoned: false,
      resolved: true,
      csat: 5,
      missionCode: 'RET',
      outcome: 'saved',
    });
    // Empty resolved/csat mean "unknown" (null); other empty cells are absent.
    expect(records[1]).toMatchObject({ externalId: 'c-2', abandoned: true, resolved: null, csat: null });
    expect(records[1]).not.toHaveProperty('agentRef');
    expect(records[1]).not.toHaveProperty('missionCode');
  });

  it('leaves values it cannot coerce as they are, for the schema to reject with a reason', () => {
    const { records } = parseIngestCsv('calls', 'externalId,startedAt,direction,waitSeconds,abandoned\nx,2026-11-02T09:00:00Z,inbound,soon,maybe');
    expect(records[0]).toMatchObject({ waitSeconds: 'soon', abandoned: 'maybe' });
  });

  it('names the missing columns of a file that is not a call export', () => {
    const { records, errors } = parseIngestCsv('calls', 'name,age\nbob,3');
    expect(records).toEqual([]);
    expect(errors[0]).toMatch(/Missing column\(s\): externalId, startedAt, direction/);
  });

  it('reads one score column per criterion for evaluations, n/a as null', () => {
    const text = 'externalId,evaluatedAt,formCode,agentRef,evaluator,score.greeting,score.gdpr_notice\ne-1,2026-11-02T10:00:00Z,STD,A17,QA1,4,n/a';
    const { records } = parseIngestCsv('evaluations', text);
    expect(records[0]).toEqual({
      externalId: 'e-1',
      evaluatedAt: '2026-11-02T10:00:00Z',
      formCode: 'STD',
      agentRef: 'A17',
      evaluator: 'QA1',
      scores: { greeting: 4, gdpr_notice: null },
    });
  });

  it('reports broken CSV instead of throwing', () => {
    const { records, errors } = parseIngestCsv('calls', 'externalId,startedAt\n"unterminated,2026');
    expect(records).toEqual([]);
    expect(errors[0]).toMatch(/not valid CSV/);
  });

  it('detects the kind of a file from its header', () => {
    expect(detectCsvKind('\uFEFFexternalId,evaluatedAt,formCode\n')).toBe('evaluations');
    expect(detectCsvKind('externalId,startedAt,direction\n')).toBe('calls');
  });
});
