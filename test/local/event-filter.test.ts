import { describe, expect, it } from 'vitest';
import { streamSubscriptions } from '#definitions/stream-subscriptions.ts';
import { compileFilter, matchesFilter, UnsupportedFilterError, type FilterPattern } from '#local/event-filter.ts';

interface Case {
  readonly name: string;
  readonly pattern: FilterPattern;
  readonly record: Record<string, unknown>;
  readonly matches: boolean;
}

const notification = (eventName: string, entity: string) => ({
  eventName,
  dynamodb: { NewImage: { entity: { S: entity }, PK: { S: 'NOTIF#1' } } },
});

const cases: Case[] = [
  { name: 'an exact string in the list matches', pattern: { status: ['sent', 'queued'] }, record: { status: 'queued' }, matches: true },
  { name: 'a string outside the list does not match', pattern: { status: ['sent'] }, record: { status: 'failed' }, matches: false },
  { name: 'exact matching is case-sensitive', pattern: { status: ['sent'] }, record: { status: 'SENT' }, matches: false },
  { name: 'a number matches the same number', pattern: { count: [3] }, record: { count: 3 }, matches: true },
  { name: 'a number does not match its string form', pattern: { count: [3] }, record: { count: '3' }, matches: false },
  { name: 'a boolean matches exactly', pattern: { flag: [true] }, record: { flag: true }, matches: true },
  { name: 'false does not match true', pattern: { flag: [true] }, record: { flag: false }, matches: false },
  { name: 'null matches an explicit null', pattern: { reason: [null] }, record: { reason: null }, matches: true },
  { name: 'null does not match a missing field', pattern: { reason: [null] }, record: {}, matches: false },
  { name: 'the empty string matches only the empty string', pattern: { note: [''] }, record: { note: '' }, matches: true },
  { name: 'a missing field fails an exact condition', pattern: { status: ['sent'] }, record: {}, matches: false },
  {
    name: 'nested objects are followed field by field',
    pattern: { dynamodb: { NewImage: { entity: { S: ['Notification'] } } } },
    record: notification('INSERT', 'Notification'),
    matches: true,
  },
  {
    name: 'a nested field with another value does not match',
    pattern: { dynamodb: { NewImage: { entity: { S: ['Notification'] } } } },
    record: notification('INSERT', 'Offer'),
    matches: false,
  },
  {
    name: 'a nested pattern fails when the record has a scalar there',
    pattern: { dynamodb: { NewImage: ['x'] } },
    record: { dynamodb: 'flat' },
    matches: false,
  },
  {
    name: 'a nested pattern fails when the parent object is missing',
    pattern: { dynamodb: { OldImage: { entity: { S: ['Notification'] } } } },
    record: notification('INSERT', 'Notification'),
    matches: false,
  },
  { name: 'all fields of a pattern must match', pattern: { a: ['1'], b: ['2'] }, record: { a: '1', b: '3' }, matches: false },
  { name: 'fields the pattern does not name are ignored', pattern: { a: ['1'] }, record: { a: '1', b: '3' }, matches: true },
  {
    name: 'an array in the record matches when one element does',
    pattern: { tags: ['urgent'] },
    record: { tags: ['low', 'urgent'] },
    matches: true,
  },
  { name: 'an array in the record fails when no element does', pattern: { tags: ['urgent'] }, record: { tags: ['low'] }, matches: false },
  {
    name: 'prefix matches the start of a string',
    pattern: { key: [{ prefix: 'imports/' }] },
    record: { key: 'imports/a.csv' },
    matches: true,
  },
  {
    name: 'prefix does not match elsewhere in the string',
    pattern: { key: [{ prefix: 'imports/' }] },
    record: { key: 'x/imports/a.csv' },
    matches: false,
  },
  { name: 'prefix does not match a number', pattern: { key: [{ prefix: '1' }] }, record: { key: 12 }, matches: false },
  { name: 'exists true matches a present field', pattern: { email: [{ exists: true }] }, record: { email: 'a@b.fr' }, matches: true },
  { name: 'exists true matches a present null', pattern: { email: [{ exists: true }] }, record: { email: null }, matches: true },
  { name: 'exists true fails on a missing field', pattern: { email: [{ exists: true }] }, record: { phone: '1' }, matches: false },
  { name: 'exists false matches a missing field', pattern: { email: [{ exists: false }] }, record: { phone: '1' }, matches: true },
  { name: 'exists false fails on a present field', pattern: { email: [{ exists: false }] }, record: { email: 'a@b.fr' }, matches: false },
  {
    name: 'exists false inside a missing parent matches',
    pattern: { dynamodb: { OldImage: [{ exists: false }] } },
    record: notification('INSERT', 'Notification'),
    matches: true,
  },
  {
    name: 'anything-but lets other values through',
    pattern: { state: [{ 'anything-but': ['archived', 'deleted'] }] },
    record: { state: 'pending' },
    matches: true,
  },
  {
    name: 'anything-but stops listed values',
    pattern: { state: [{ 'anything-but': ['archived', 'deleted'] }] },
    record: { state: 'deleted' },
    matches: false,
  },
  {
    name: 'anything-but takes a single value',
    pattern: { state: [{ 'anything-but': 'archived' }] },
    record: { state: 'archived' },
    matches: false,
  },
  {
    name: 'anything-but does not match a missing field',
    pattern: { state: [{ 'anything-but': ['archived'] }] },
    record: {},
    matches: false,
  },
  {
    name: 'numeric range includes its upper bound',
    pattern: { price: [{ numeric: ['>', 0, '<=', 5] }] },
    record: { price: 5 },
    matches: true,
  },
  {
    name: 'numeric range excludes its lower bound',
    pattern: { price: [{ numeric: ['>', 0, '<=', 5] }] },
    record: { price: 0 },
    matches: false,
  },
  {
    name: 'numeric range excludes values above',
    pattern: { price: [{ numeric: ['>', 0, '<=', 5] }] },
    record: { price: 5.5 },
    matches: false,
  },
  { name: 'numeric equality', pattern: { price: [{ numeric: ['=', 2] }] }, record: { price: 2 }, matches: true },
  {
    name: 'numeric does not compare a numeric string',
    pattern: { price: [{ numeric: ['>', 0] }] },
    record: { price: '3' },
    matches: false,
  },
  {
    name: 'conditions of one field are alternatives',
    pattern: { key: [{ prefix: 'imports/' }, 'special'] },
    record: { key: 'special' },
    matches: true,
  },
  {
    name: 'a bare operator-looking object is a nested field, as on AWS',
    pattern: { key: { prefix: ['a'] } },
    record: { key: 'abc' },
    matches: false,
  },
];

describe('matchesFilter', () => {
  it.each(cases)('$name', ({ pattern, record, matches }) => {
    expect(matchesFilter(pattern, record)).toBe(matches);
  });

  it('lets through only INSERTs of Notification items with the notifier pattern of the definitions', () => {
    const pattern = streamSubscriptions.notifier.filterPattern;
    expect(matchesFilter(pattern, notification('INSERT', 'Notification'))).toBe(true);
    expect(matchesFilter(pattern, notification('MODIFY', 'Notification'))).toBe(false);
    expect(matchesFilter(pattern, notification('INSERT', 'Offer'))).toBe(false);
    expect(matchesFilter(pattern, { eventName: 'REMOVE', dynamodb: { OldImage: { entity: { S: 'Notification' } } } })).toBe(false);
  });

  it('refuses an operator outside the supported subset instead of matching nothing', () => {
    expect(() => matchesFilter({ key: [{ suffix: '.csv' }] } as unknown as FilterPattern, { key: 'a.csv' })).toThrow(
      UnsupportedFilterError,
    );
    expect(() => matchesFilter({ key: 'imports/' } as unknown as FilterPattern, { key: 'imports/' })).toThrow(/array of conditions/);
    expect(() => matchesFilter({ n: [{ numeric: ['>'] }] }, { n: 1 })).toThrow(/operator and number pairs/);
  });
});

describe('compileFilter', () => {
  it('rejects an unsupported operator before any record is seen, even one on a field records lack', () => {
    expect(() => compileFilter({ missing: [{ 'equals-ignore-case': 'x' }] } as unknown as FilterPattern)).toThrow(
      /Unsupported filter operator "equals-ignore-case" on "missing"/,
    );
  });

  it('returns a predicate equivalent to matchesFilter', () => {
    const isNotification = compileFilter(streamSubscriptions.notifier.filterPattern);
    expect(isNotification(notification('INSERT', 'Notification'))).toBe(true);
    expect(isNotification(notification('INSERT', 'Offer'))).toBe(false);
  });
});
