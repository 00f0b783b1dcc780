import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { alertRules } from '#alerts/alert-schemas.ts';
import { applicationRules } from '#applications/application-rules.ts';
import { applicationStore } from '#applications/application-store.ts';
import { verdictRules } from '#applications/apply-verdict.ts';
import { AlertSubscriptionChanged, alertStore, alertSubscriptionKey, subscriptionToItem, type AlertStore } from '#alerts/alert-store.ts';
import { newOfferAlertsJobId, runNewOfferAlerts, type NewOfferAlertsDeps } from '#alerts/new-offer-alerts-job.ts';
import { calendarDayIn } from '#shared/calendar.ts';
import { employeeKey } from '#identity/employee-store.ts';
import { jobRunKey, jobRunStore } from '#jobs/job-run-store.ts';
import type { Notification } from '#notifications/outbox.ts';
import { offerStore } from '#offers/offer-store.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { publishedOffer } from '../applications/support.ts';
import { api, eventually, tokenOf } from '../support/api.ts';
import { createTestEmployee } from '../support/employees.ts';
import { startOwnCloud } from '../support/own-cloud.ts';
import { mailsTo } from '../support/registration.ts';
import { localTable } from '../support/table.ts';
import { residence, toulouse, toulouseEmployee, tournefeuille } from './support.ts';

// The job reads every subscriber of its table: on a cloud of this file's own, only ours.
const own = await startOwnCloud();
afterAll(() => own.stop());

const table = localTable();
const store = alertStore(table.client, table.tableName);

/** The digests the in-process runs queued (the outbox items written with the subscriber's record). */
const digests: Notification[] = [];
const recording = (alerts: AlertStore): AlertStore => ({
  ...alerts,
  markHandled: async (candidate, handled, digest) => {
    const done = await alerts.markHandled(candidate, handled, digest);
    if (done && digest) digests.push(digest);
    return done;
  },
  markHandledTogether: async (handlings) => {
    const done = await alerts.markHandledTogether(handlings);
    if (done) for (const { digest } of handlings) if (digest) digests.push(digest);
    return done;
  },
});
const deps: NewOfferAlertsDeps = {
  alerts: recording(store),
  offers: offerStore(table.client, table.tableName),
  files: applicationStore(table.client, table.tableName),
  verdictRules,
  geography: loadGeography,
  runs: jobRunStore(table.client, table.tableName),
  rules: alertRules,
  appUrl: 'http://app.test',
};
const digestsTo = (email: string) => digests.filter((digest) => digest.to === email);

const dayMs = 86_400_000;
/**
 * The job's clock: a minute after the real time (after the offers the test just published),
 * moved by whole days. Each test uses fresh employees, so the days earlier tests moved theirs to
 * do not matter.
 */
const clock = () => {
  const base = Date.now() + 60_000;
  return (days = 0, ms = 0) => new Date(base + days * dayMs + ms);
};

const optIn = async (token: string, body: Record<string, unknown> = { enabled: true }) => {
  const response = await api('PUT', '/me/alerts', { token, body });
  expect(response.status).toBe(200);
  return response.body;
};

/** The digest e-mail as delivered by the local SES, once the notifier sent it. */
const deliveredDigest = async (email: string, count = 1) =>
  eventually(`${count} digest e-mail(s) to ${email}`, async () => {
    const mails = await mailsTo(email);
    return mails.length >= count ? mails : undefined;
  });

describe('the /me/alerts routes', () => {
  it('let an employee opt in, change the tabs and opt out', async () => {
    const employee = await toulouseEmployee();
    const before = await api('GET', '/me/alerts', { token: employee.token });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ enabled: false, tabs: ['requested'], since: null, lastDigestAt: null });

    const opted = await optIn(employee.token);
    expect(opted).toMatchObject({ enabled: true, tabs: ['requested'], lastDigestAt: null });
    expect(Date.parse(opted.since)).toBeLessThanOrEqual(Date.now());
    expect(await table.get(alertSubscriptionKey(employee.id))).toMatchObject({
      entity: 'AlertSubscription',
      GSI3PK: 'ALERTS#SUBSCRIBED',
      GSI3SK: `0000-00-00#${employee.id}`,
    });

    // Changing the tabs keeps the watermark: what was new stays new.
    const widened = await optIn(employee.token, { enabled: true, tabs: ['requested', 'neighbouring'] });
    expect(widened).toMatchObject({ enabled: true, tabs: ['requested', 'neighbouring'], since: opted.since });
    expect((await api('GET', '/me/alerts', { token: employee.token })).body).toEqual(widened);

    const out = await optIn(employee.token, { enabled: false });
    expect(out).toEqual({ enabled: false, tabs: ['requested', 'neighbouring'], since: null, lastDigestAt: null });
    const stored = await table.get(alertSubscriptionKey(employee.id));
    expect(stored).toMatchObject({ enabled: false });
    expect(stored).not.toHaveProperty('GSI3PK');
  });

  it('answer 400 with field messages to bad input, 403 to other roles, 404 without an employee file', async () => {
    const employee = await createTestEmployee();
    for (const body of [
      { enabled: 'yes' },
      { enabled: true, tabs: [] },
      { enabled: true, tabs: ['everywhere'] },
      { enabled: true, colour: 'red' },
    ]) {
      const response = await api('PUT', '/me/alerts', { token: employee.token, body });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.fields).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/^body/) })]),
      );
    }
    const duplicate = await api('PUT', '/me/alerts', { token: employee.token, body: { enabled: true, tabs: ['requested', 'requested'] } });
    expect(duplicate.body.error.fields).toEqual([{ field: 'body.tabs', message: 'Chaque onglet une seule fois.' }]);
    expect(await table.get(alertSubscriptionKey(employee.id))).toBeUndefined();

    expect((await api('PUT', '/me/alerts', { token: await tokenOf('operator'), body: { enabled: true } })).status).toBe(403);
    expect((await api('GET', '/me/alerts')).status).toBe(401);
    const withoutFile = await createTestEmployee({ withFile: false });
    expect((await api('PUT', '/me/alerts', { token: withoutFile.token, body: { enabled: true } })).status).toBe(404);
    expect((await api('GET', '/me/alerts', { token: withoutFile.token })).status).toBe(404);
    expect(await table.get(alertSubscriptionKey(withoutFile.id))).toBeUndefined();
  });
});

describe('the new-offer alerts job', () => {
  it('sends a digest of the new offers that match the criteria and that the employee may apply to', async () => {
    const employee = await toulouseEmployee();
    await optIn(employee.token);
    // Same criteria, but the verdict of "Je postule" refuses (issue 13, item 1): documents
    // missing, a lapsed NUD, the employment not confirmed, the cap reached; so no digest.
    const refused = await Promise.all([
      toulouseEmployee({ complete: false }),
      toulouseEmployee({ nudRegisteredDaysAgo: 420 }),
      toulouseEmployee({ employment: 'PENDING' }),
      toulouseEmployee({ activeApplications: applicationRules.maxActiveApplications }),
    ]);
    for (const employee of refused) await optIn(employee.token);
    const matching = residence('Capitole');
    const otherTypology = residence('Garonne');
    const overCeiling = residence('Saint-Cyprien');
    const matchingId = await publishedOffer({ ...toulouse, residenceName: matching });
    await publishedOffer({ ...toulouse, residenceName: otherTypology, typology: 'T1', rooms: 1, bedrooms: 0, surfaceM2: 30 });
    // PLAI: a ceiling the household's income exceeds.
    await publishedOffer({ ...toulouse, residenceName: overCeiling, financing: 'PLAI' });

    const at = clock();
    const counts = await runNewOfferAlerts(deps, at());
    // The only subscriber of the file's table so far (the first test's employee opted out).
    expect(counts).toMatchObject({ digests: 1, errors: 0, incomplete: false });
    const [digest, ...others] = digestsTo(employee.email);
    expect(others).toEqual([]);
    expect(digest!.params).toMatchObject({ count: '1', more: '0' });
    for (const employee of refused) expect(digestsTo(employee.email)).toEqual([]);
    expect(counts.nothingNew).toBeGreaterThanOrEqual(refused.length);
    expect(digest!.params.offers).toContain(`http://app.test/offres/${matchingId}`);

    const [mail] = await deliveredDigest(employee.email);
    expect(mail!.subject).toBe('1 nouvelle(s) offre(s) de logement pour vous');
    expect(mail!.body.text).toContain(matching);
    expect(mail!.body.text).not.toContain(otherTypology);
    expect(mail!.body.text).not.toContain(overCeiling);

    const { body } = await api('GET', '/me/alerts', { token: employee.token });
    expect(body.lastDigestAt).toBe(at().toISOString());
    expect(await table.get(alertSubscriptionKey(employee.id))).toMatchObject({
      handledOn: calendarDayIn(alertRules.timeZone, at()),
      sentOffers: { [matchingId]: expect.any(String) },
    });
  });

  it('never sends the same offer twice: a second run the same day sends nothing, a later offer comes alone', async () => {
    const employee = await toulouseEmployee();
    await optIn(employee.token);
    const first = residence('Carmes');
    await publishedOffer({ ...toulouse, residenceName: first });
    const at = clock();

    await runNewOfferAlerts(deps, at());
    expect(digestsTo(employee.email)).toHaveLength(1);
    // The same day: the subscriber is not even read again.
    const sameDay = await runNewOfferAlerts(deps, at(0, 1_000));
    expect(sameDay.errors).toBe(0);
    expect(digestsTo(employee.email)).toHaveLength(1);

    // The next day, the first offer is still open and read again (within the index-lag margin
    // of the watermark), but it was sent: the digest has the new one only.
    const second = residence('Compans');
    const secondId = await publishedOffer({ ...toulouse, residenceName: second });
    await runNewOfferAlerts(deps, at(1));
    const sent = digestsTo(employee.email);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.params).toMatchObject({ count: '1' });
    expect(sent[1]!.params.offers).toContain(secondId);
    // The day after: both still open, both sent.
    await runNewOfferAlerts(deps, at(2));
    expect(digestsTo(employee.email)).toHaveLength(2);
    expect(await table.get(alertSubscriptionKey(employee.id))).toMatchObject({ handledOn: calendarDayIn(alertRules.timeZone, at(2)) });

    const mails = await deliveredDigest(employee.email, 2);
    expect(mails).toHaveLength(2);
    const texts = mails.map((mail) => mail.body.text ?? '');
    expect(texts.filter((text) => text.includes(first))).toHaveLength(1);
    expect(texts.filter((text) => text.includes(second))).toHaveLength(1);
  });

  it('sends nothing when nothing is new, nor after opting out', async () => {
    const quiet = await toulouseEmployee();
    const leaving = await toulouseEmployee();
    await optIn(quiet.token);
    await optIn(leaving.token);
    await optIn(leaving.token, { enabled: false });
    const at = clock();

    await runNewOfferAlerts(deps, at());
    expect(digestsTo(quiet.email)).toEqual([]);
    const handled = await table.get(alertSubscriptionKey(quiet.id));
    expect(handled).toMatchObject({ handledOn: calendarDayIn(alertRules.timeZone, at()), sentOffers: {} });
    expect(handled).not.toHaveProperty('lastDigestAt');

    // A matching offer, but the employee opted out: never read, never told.
    await publishedOffer({ ...toulouse, residenceName: residence('Minimes') });
    await runNewOfferAlerts(deps, at(1));
    expect(digestsTo(leaving.email)).toEqual([]);
    expect(await table.get(alertSubscriptionKey(leaving.id))).not.toHaveProperty('handledOn');
    // The quiet one gets that offer: it was published after the opt-in.
    expect(digestsTo(quiet.email)).toHaveLength(1);
  });

  it('lists offers of the bordering communes only to the employees who chose that tab', async () => {
    const requestedOnly = await toulouseEmployee();
    const withNeighbours = await toulouseEmployee();
    await optIn(requestedOnly.token);
    await optIn(withNeighbours.token, { enabled: true, tabs: ['requested', 'neighbouring'] });
    const nearby = residence('Tournefeuille');
    await publishedOffer({ ...tournefeuille, residenceName: nearby });

    await runNewOfferAlerts(deps, clock()());
    expect(digestsTo(requestedOnly.email)).toEqual([]);
    const [digest] = digestsTo(withNeighbours.email);
    expect(digest!.params.offers).toContain(nearby);
    expect(digest!.params.offers).toContain('communes limitrophes');
  });

  it('refuses settings written on a read older than a run, so they never undo what the digest recorded', async () => {
    const employee = await toulouseEmployee();
    await optIn(employee.token);
    const offerId = await publishedOffer({ ...toulouse, residenceName: residence('Jacobins') });
    const { subscription: stale } = await store.read(employee.id);
    await runNewOfferAlerts(deps, clock()());
    expect(digestsTo(employee.email)).toHaveLength(1);

    await expect(store.save({ ...stale!, tabs: ['requested', 'department'], updatedAt: new Date().toISOString() }, stale)).rejects.toThrow(
      AlertSubscriptionChanged,
    );
    expect(await table.get(alertSubscriptionKey(employee.id))).toMatchObject({
      tabs: ['requested'],
      sentOffers: { [offerId]: expect.any(String) },
    });
    // Read again, the same change goes through and keeps the record.
    expect(await optIn(employee.token, { enabled: true, tabs: ['requested', 'department'] })).toMatchObject({
      tabs: ['requested', 'department'],
    });
    expect(await table.get(alertSubscriptionKey(employee.id))).toMatchObject({ sentOffers: { [offerId]: expect.any(String) } });
  });

  it('handles the subscribers of a page several at once, never more than the bound', async () => {
    const employees = await Promise.all([toulouseEmployee(), toulouseEmployee(), toulouseEmployee()]);
    for (const employee of employees) await optIn(employee.token);
    const offerId = await publishedOffer({ ...toulouse, residenceName: residence('Esquirol') });
    let inFlight = 0;
    let most = 0;
    const counted: NewOfferAlertsDeps = {
      ...deps,
      rules: { ...alertRules, subscriberConcurrency: 2 },
      files: {
        applicantFile: async (employeeId) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          try {
            return await deps.files.applicantFile(employeeId);
          } finally {
            inFlight -= 1;
          }
        },
      },
    };
    const counts = await runNewOfferAlerts(counted, clock()());
    expect(counts).toMatchObject({ errors: 0, incomplete: false });
    expect(most).toBe(2);
    for (const employee of employees) {
      expect(digestsTo(employee.email)).toHaveLength(1);
      expect(digestsTo(employee.email)[0]!.params.offers).toContain(offerId);
    }
  });

  it('lets an opt-out during the run win, and still sends the others queued in the same transaction', async () => {
    const [leaving, ...staying] = await Promise.all([toulouseEmployee(), toulouseEmployee(), toulouseEmployee()]);
    for (const employee of [leaving!, ...staying]) await optIn(employee.token);
    await publishedOffer({ ...toulouse, residenceName: residence('Arnaud-Bernard') });
    // The employee opts out once the run has read the subscription, before it writes.
    const optingOut: NewOfferAlertsDeps = {
      ...deps,
      files: {
        applicantFile: async (employeeId) => {
          if (employeeId === leaving!.id) await optIn(leaving!.token, { enabled: false });
          return deps.files.applicantFile(employeeId);
        },
      },
    };
    const counts = await runNewOfferAlerts(optingOut, clock()());
    expect(counts).toMatchObject({ errors: 0, incomplete: false });
    expect(digestsTo(leaving!.email)).toEqual([]);
    expect(await table.get(alertSubscriptionKey(leaving!.id))).not.toHaveProperty('handledOn');
    for (const employee of staying) expect(digestsTo(employee.email)).toHaveLength(1);
  });

  it('sends each digest once when two runs handle the same subscribers at the same time', async () => {
    const employees = await Promise.all([toulouseEmployee(), toulouseEmployee(), toulouseEmployee(), toulouseEmployee()]);
    for (const employee of employees) await optIn(employee.token);
    const offerId = await publishedOffer({ ...toulouse, residenceName: residence('Dalbade') });
    const at = clock()();
    const both = await Promise.all([runNewOfferAlerts(deps, at), runNewOfferAlerts(deps, new Date(at.getTime() + 1))]);
    for (const counts of both) expect(counts.incomplete).toBe(false);
    // Two transactions on one item at once may both be cancelled (counted as an error): that
    // subscriber stays due, and the next run the same day takes it up.
    expect((await runNewOfferAlerts(deps, new Date(at.getTime() + 2))).errors).toBe(0);
    for (const employee of employees) {
      expect(digestsTo(employee.email)).toHaveLength(1);
      expect(await table.get(alertSubscriptionKey(employee.id))).toMatchObject({
        handledOn: calendarDayIn(alertRules.timeZone, at),
        sentOffers: { [offerId]: expect.any(String) },
      });
    }
    // The outbox holds one e-mail each: the losing run's transaction wrote nothing.
    for (const employee of employees) expect(await deliveredDigest(employee.email)).toHaveLength(1);
  });

  it('stops before the deadline, reports the run incomplete, and the next run finishes the work', async () => {
    const employees = [await toulouseEmployee(), await toulouseEmployee()];
    for (const employee of employees) await optIn(employee.token);
    // A day of its own, far ahead: every subscription is due, one per page.
    const day = clock()(400);
    const onePerPage: NewOfferAlertsDeps = { ...deps, alerts: alertStore(table.client, table.tableName, 1) };
    let pages = 0;
    const stopped = await runNewOfferAlerts(
      {
        ...onePerPage,
        alerts: {
          ...onePerPage.alerts,
          duePage: async (...args) => {
            pages += 1;
            return onePerPage.alerts.duePage(...args);
          },
        },
      },
      day,
      () => (pages === 0 ? 60_000 : 0),
    );
    expect(stopped).toMatchObject({ examined: 1, incomplete: true });
    const next = await runNewOfferAlerts(deps, day);
    expect(next).toMatchObject({ incomplete: false, errors: 0 });
    expect(next.examined).toBeGreaterThanOrEqual(1);
    for (const employee of employees) {
      expect(await table.get(alertSubscriptionKey(employee.id))).toMatchObject({ handledOn: calendarDayIn(alertRules.timeZone, day) });
    }
    expect((await runNewOfferAlerts(deps, day)).examined).toBe(0);
  });

  it('records each run for the operator, who sees the last one; the local scheduler runs it now', async () => {
    const employee = await toulouseEmployee();
    await optIn(employee.token);
    const now = clock()(1_000);
    const counts = await runNewOfferAlerts(deps, now);
    expect(await table.get(jobRunKey(newOfferAlertsJobId, now.toISOString()))).toMatchObject({
      entity: 'JobRun',
      status: 'DONE',
      counts: { ...counts, incomplete: 0 },
    });

    const response = await api('POST', '/_local/jobs/newOfferAlerts');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      job: 'newOfferAlerts',
      result: { examined: expect.any(Number), digests: expect.any(Number), errors: 0, incomplete: false },
    });
    const jobs = await api('GET', '/operator/jobs', { token: await tokenOf('operator') });
    expect(jobs.status).toBe(200);
    expect(jobs.body.jobs.find((job: { id: string }) => job.id === 'newOfferAlerts')).toMatchObject({
      cron: '0 7 * * ? *',
      lastRun: {
        status: 'DONE',
        finishedAt: expect.any(String),
        counts: { examined: expect.any(Number), digests: expect.any(Number), offersSent: expect.any(Number), errors: 0 },
      },
    });
  });
});

describe('erasing the account', () => {
  it('exports the subscription with the file, and deletes it with the file', async () => {
    const employee = await toulouseEmployee();
    await optIn(employee.token);
    const exported = await api('GET', '/me/export', { token: employee.token });
    expect(exported.body.data.AlertSubscription).toEqual([expect.objectContaining({ enabled: true, tabs: ['requested'] })]);
    expect(exported.body.data.AlertSubscription[0]).not.toHaveProperty('GSI3SK');

    const erased = await api('DELETE', '/me', { token: employee.token });
    expect(erased.status).toBe(200);
    expect(await table.get(employeeKey(employee.id))).toBeUndefined();
    expect(await table.get(alertSubscriptionKey(employee.id))).toBeUndefined();
  });

  it('leaves no subscription behind when an opt-in raced the erasure: the next run removes it', async () => {
    const employeeId = `erased-${randomUUID()}`;
    const now = new Date().toISOString();
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: subscriptionToItem({ employeeId, enabled: true, tabs: ['requested'], updatedAt: now, coveredUntil: now, sentOffers: {} }),
      }),
    );
    const counts = await runNewOfferAlerts(deps, clock()(2_000));
    expect(counts.orphans).toBe(1);
    expect(await table.get(alertSubscriptionKey(employeeId))).toBeUndefined();
  });
});
