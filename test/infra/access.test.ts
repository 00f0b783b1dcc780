import { describe, expect, it } from 'vitest';
import { bucketPrefixes } from '#definitions/bucket-notifications.ts';
import { areaOf } from '#lib/constructs/service-function.ts';
import { actionsOf, statementsOf, synthesize, testSettings, type Statement } from './synth.ts';

const { stacks, stateless, functionEntries } = synthesize();
const functions = [...functionEntries].map(([id, entry]) => ({ id, entry, area: areaOf(entry) }));

const allows = (statements: Statement[], action: string) => statements.filter((s) => s.Effect === 'Allow' && actionsOf(s).includes(action));

describe('function permissions', () => {
  it.each(functions)('$entry may send email only if it is a notifier, and only from the service address', ({ id, area }) => {
    const sends = allows(statementsOf(stateless, id), 'ses:SendEmail');
    if (area === 'notifications') {
      expect(sends).toHaveLength(1);
      expect(sends[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': testSettings.emailFrom } });
    } else {
      expect(sends).toEqual([]);
    }
  });

  it('gives email rights to at least one function', () => {
    expect(functions.filter((fn) => fn.area === 'notifications').length).toBeGreaterThan(0);
  });

  it.each(functions)('$entry may neither scan the table nor use wildcard actions', ({ id }) => {
    for (const statement of statementsOf(stateless, id)) {
      expect(actionsOf(statement)).not.toContain('dynamodb:Scan');
      expect(actionsOf(statement).filter((action) => action.endsWith(':*'))).toEqual([]);
    }
  });

  const inviters = ['company-hr/handlers/invite-hr-user.ts', 'landlords/handlers/invite-landlord-user.ts'];

  it.each(functions)('$entry administers users only if it belongs to identity or invites users', ({ id, area, entry }) => {
    const admin = statementsOf(stateless, id).filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:Admin')));
    expect(admin.length > 0).toBe(area === 'identity' || inviters.includes(entry) || entry === 'privacy/handlers/erase-me.ts');
    if (entry === 'privacy/handlers/erase-me.ts') expect(admin.flatMap(actionsOf)).toEqual(['cognito-idp:AdminDeleteUser']);
  });

  it.each(functions)(
    '$entry writes objects only if it signs uploads or writes an import report, deletes only if it erases an account',
    ({ id, entry }) => {
      const statements = statementsOf(stateless, id);
      const puts = allows(statements, 's3:PutObject');
      const deletes = allows(statements, 's3:DeleteObject*');
      const writers = [
        'housing-file/handlers/request-document-upload.ts',
        'imports/handlers/request-landlord-import.ts',
        'imports/handlers/receive-import.ts',
      ];
      expect(puts.length > 0).toBe(writers.includes(entry));
      const putPrefixes = puts.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource])).map((arn) => JSON.stringify(arn));
      const ownPrefix = entry.startsWith('imports/') ? bucketPrefixes.imports : bucketPrefixes.documents;
      for (const arn of putPrefixes) expect(arn).toContain(`/${ownPrefix}`);
      expect(deletes.length > 0).toBe(entry === 'privacy/handlers/erase-me.ts');
    },
  );

  it.each(functions)(
    '$entry reads uploaded objects only if it imports (imports prefix) or shows the commission its files (documents prefix)',
    ({ id, area, entry }) => {
      const reads = allows(statementsOf(stateless, id), 's3:GetObject*');
      const prefix =
        area === 'imports'
          ? bucketPrefixes.imports
          : entry === 'lifecycle/handlers/get-offer-candidates.ts'
            ? bucketPrefixes.documents
            : undefined;
      if (!prefix) {
        expect(reads).toEqual([]);
        return;
      }
      const objectArns = reads.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
      const suffixes = objectArns
        .map((arn) => JSON.stringify(arn))
        .filter((arn) => arn.includes('/'))
        .map((arn) => JSON.parse(arn)['Fn::Join'][1].at(-1));
      expect(suffixes).toEqual([`/${prefix}*`]);
    },
  );

  it('lets the health check describe each dependency and nothing else does', () => {
    for (const { id, entry } of functions) {
      const statements = statementsOf(stateless, id);
      const describes = ['cognito-idp:DescribeUserPool', 'ses:GetAccount'].filter((action) => allows(statements, action).length > 0);
      expect(describes.length).toBe(entry === 'platform/handlers/health.ts' ? 2 : 0);
      const lists = allows(statements, 's3:ListBucket');
      if (entry === 'privacy/handlers/erase-me.ts') {
        expect(lists).toEqual([expect.objectContaining({ Condition: { StringLike: { 's3:prefix': `${bucketPrefixes.documents}*` } } })]);
      } else {
        expect(lists.length).toBe(entry === 'platform/handlers/health.ts' ? 1 : 0);
      }
    }
  });

  it('refuses to synthesize a handler whose area has no declared access', () => {
    expect(() => stacks.stateless.functions.add('Route', 'stray', { handler: 'shared/config.ts', description: 'no area rights' })).toThrow(
      /No access declared for area "shared"/,
    );
  });
});
