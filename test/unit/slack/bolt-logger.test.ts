import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.ts';
import { boltLogger } from '../../../src/slack/bolt-logger.ts';

function capture(level: 'debug' | 'info' | 'warn') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level, secrets: ['s3cret-signing'], write: (l) => lines.push(JSON.parse(l)) });
  return { lines, bolt: boltLogger(logger, level) };
}

describe('boltLogger', () => {
  it('writes Bolt debug and info lines at debug level, as debug records of the bolt component', () => {
    const { lines, bolt } = capture('debug');
    bolt.setName('bolt-app');
    bolt.debug('Request body:', { text: 'status', token: 's3cret-signing' });
    bolt.info('Now connected');
    expect(lines.map((l) => [l.level, l.component])).toEqual([
      ['debug', 'bolt-app'],
      ['debug', 'bolt-app'],
    ]);
    expect(lines[0]!.msg).toBe('Request body: {"text":"status","token":"[redacted]"}');
  });

  it('does not even format debug and info lines below debug level', () => {
    const { lines, bolt } = capture('info');
    let formatted = 0;
    const payload = {
      toJSON: () => {
        formatted++;
        return 'x';
      },
    };
    bolt.debug('Request body:', payload);
    bolt.info('Now connected', payload);
    expect(lines).toEqual([]);
    expect(formatted).toBe(0);
  });

  it('keeps warnings and errors, with the error as a field', () => {
    const { lines, bolt } = capture('warn');
    bolt.warn('unhandled request');
    bolt.error('listener failed:', new Error('boom'));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'unhandled request'],
      ['error', 'listener failed: boom'],
    ]);
    expect((lines[1]!.error as { message: string }).message).toBe('boom');
  });
});
