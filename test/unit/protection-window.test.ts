import { describe, expect, it } from 'vitest';
import { protectedUntil, utcDate } from '../../shared/domain/protection-window.js';

const DAY_MS = 86_400_000;

describe('protectedUntil', () => {
  it('is exactly `days` days of 24 h after the start, as an ISO instant in UTC', () => {
    const from = new Date('2026-01-15T10:20:30.456Z');
    const until = protectedUntil(from, 90);
    expect(until).toBe('2026-04-15T10:20:30.456Z');
    expect(Date.parse(until) - from.getTime()).toBe(90 * DAY_MS);
  });

  it('is unaffected by daylight saving time changes (always UTC)', () => {
    // Europe switches to summer time on 2026-03-29; UTC instants keep the wall-clock time.
    expect(protectedUntil(new Date('2026-03-28T12:00:00.000Z'), 2)).toBe('2026-03-30T12:00:00.000Z');
  });

  it('crosses leap days and year ends', () => {
    expect(protectedUntil(new Date('2028-02-28T00:00:00.000Z'), 1)).toBe('2028-02-29T00:00:00.000Z');
    expect(protectedUntil(new Date('2026-12-31T23:59:59.999Z'), 1)).toBe('2027-01-01T23:59:59.999Z');
  });

  it('returns the start itself for 0 days and does not mutate it', () => {
    const from = new Date('2026-05-05T05:05:05.000Z');
    expect(protectedUntil(from, 0)).toBe(from.toISOString());
    protectedUntil(from, 30);
    expect(from.toISOString()).toBe('2026-05-05T05:05:05.000Z');
  });
});

describe('utcDate', () => {
  it.each([
    ['2026-03-10T00:00:00.000Z', '2026-03-10'],
    ['2026-03-10T23:59:59.999Z', '2026-03-10'],
    // 01:30 in Berlin is still the previous day in UTC.
    ['2026-03-11T01:30:00+02:00', '2026-03-10'],
    ['2026-03-10T22:30:00-05:00', '2026-03-11'],
  ])('%s -> %s', (instant, date) => {
    expect(utcDate(new Date(instant))).toBe(date);
  });
});
