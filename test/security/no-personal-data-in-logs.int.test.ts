import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { documentRules, requiredDocumentTypes } from '#housing-file/document-rules.ts';
import { publishedOffer } from '../applications/support.ts';
import { candidatesPage, decide, eventOf, historyOf, startLifecycleCloud, statusOf } from '../lifecycle/support.ts';
import { api, eventually, tokenOf } from '../support/api.ts';
import { situationBody } from '../support/employees.ts';
import { registeredEmployee, unique } from '../support/registration.ts';
import { outboxDrained } from '../support/table.ts';

/**
 * A whole story, registration to attribution, through the API, on a cloud of the file's own
 * whose functions log at DEBUG: not one line any function (or the cloud) wrote names the person.
 * The functions run in this process: every line written to stdout, stderr or the console while
 * the story runs is captured.
 */
const captured: string[] = [];

/**
 * DEBUG for the functions, before anything is imported: the functions' logger is made when the
 * helpers below first import a store that logs, and takes its level then (and again at each
 * invocation) from POWERTOOLS_LOG_LEVEL, which this process inherited from the run's shared
 * cloud (WARN). LOG_LEVEL is what the own cloud gives its functions.
 */
const previousLevels = vi.hoisted(() => {
  const previous = { LOG_LEVEL: process.env.LOG_LEVEL, POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL };
  process.env.LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  return previous;
});
const restores: (() => void)[] = [];

function capture() {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => {
      stream.write = write;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      captured.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      original.apply(console, args);
    };
    restores.push(() => {
      console[method] = original;
    });
  }
}

let cloud: Awaited<ReturnType<typeof startLifecycleCloud>>;

beforeAll(async () => {
  capture();
  cloud = await startLifecycleCloud({
    applicationWindow: 'PT20S',
    commissionDeadline: 'PT10M',
    commissionGrace: 'PT10M',
    acceptancePeriod: 'PT10M',
  });
}, 120_000);
afterAll(async () => {
  await cloud?.stop();
  for (const restore of restores.reverse()) restore();
  for (const [name, value] of Object.entries(previousLevels)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('the functions’ logs', () => {
  it('name nobody: no e-mail, NUD, phone, name or income of a story from registration to attribution', async () => {
    const suffix = unique();
    const person = {
      firstName: 'Eulalie',
      lastName: 'Quintavalle',
      phone: '06 47 82 19 53',
      email: `eulalie.quintavalle.${suffix}@example.org`,
    };
    const income = 27_419;

    // Registration, the e-mailed link, the password, the login.
    const employee = await registeredEmployee(person);
    expect(employee.idToken).toBeTruthy();
    const token = employee.idToken;

    // Situation, with a distinctive income; every required document, uploaded to its link.
    const situation = await api('PUT', '/me/situation', {
      token,
      body: situationBody({
        nudRegisteredDaysAgo: 200,
        members: { applicant: '1991-03-07', child: '2020-06-21' },
        rfrN2: income,
        contractStart: '2021-09-01',
        searchCriteria: { kinds: ['apartment'], typologies: ['T2', 'T3'], communes: ['75056'], minSurfaceM2: 40, maxRentEuros: 950 },
      }),
    });
    expect(situation.status).toBe(200);
    for (const type of requiredDocumentTypes(documentRules)) {
      const body = `%PDF-${type}`;
      const upload = await api('POST', '/me/documents', { token, body: { type, contentType: 'application/pdf', sizeBytes: body.length } });
      expect(upload.status).toBe(201);
      expect((await fetch(upload.body.upload.url, { method: 'PUT', headers: upload.body.upload.headers, body })).status).toBe(200);
    }
    await eventually('the documents received', async () => {
      const list = await api('GET', '/me/documents', { token });
      const documents = (list.body.documents ?? []) as { required: boolean; status: string }[];
      const required = documents.filter((document) => document.required);
      return required.length > 0 && required.every((document) => document.status === 'RECEIVED') ? documents : undefined;
    });

    // HR confirms the employment.
    const hr = await tokenOf('company');
    const employees = await api('GET', '/companies/43219876500013/employees?limit=50', { token: hr });
    expect(employees.status).toBe(200);
    const confirmed = await api('POST', `/companies/43219876500013/employees/${employee.employeeId}/employment`, {
      token: hr,
      body: { decision: 'confirmed' },
    });
    expect(confirmed.status).toBe(200);

    // A landlord publishes an offer, the employee applies (once his documents are all received).
    const offerId = await publishedOffer();
    await eventually('the application', async () => {
      const applied = await api('POST', `/offers/${offerId}/applications`, { token });
      return applied.status === 201 ? applied : undefined;
    });

    // The window closes, the robot selects, the commission reads the file and ranks, he accepts.
    await statusOf(token, offerId, ['SELECTED']);
    const candidates = await candidatesPage(offerId);
    expect(candidates.status).toBe(200);
    expect((await decide(offerId, { ranking: [{ applicationId: employee.employeeId }] })).status).toBe(200);
    await statusOf(token, offerId, ['OFFERED']);
    expect((await api('POST', `/me/applications/${offerId}/accept`, { token })).status).toBe(200);
    await eventOf(offerId, 'OFFER_ATTRIBUTED');
    expect((await historyOf(offerId)).stage).toBe('ATTRIBUTED');
    await outboxDrained();
    // His export and his profile are read too: routes that handle all his data.
    expect((await api('GET', '/me/export', { token })).status).toBe(200);

    const digits = person.phone.replace(/\D/g, '');
    const forbidden: { what: string; test: (line: string) => boolean }[] = [
      { what: 'e-mail', test: (line) => line.toLowerCase().includes(person.email.toLowerCase()) },
      { what: 'e-mail (local part)', test: (line) => line.toLowerCase().includes(`quintavalle.${suffix}`.toLowerCase()) },
      { what: 'NUD', test: (line) => line.includes(employee.nud) },
      {
        what: 'phone',
        test: (line) => [person.phone, digits, `+33${digits.slice(1)}`, `+33 ${person.phone.slice(1)}`].some((v) => line.includes(v)),
      },
      { what: 'first name', test: (line) => line.toLowerCase().includes(person.firstName.toLowerCase()) },
      { what: 'last name', test: (line) => line.toLowerCase().includes(person.lastName.toLowerCase()) },
      { what: 'income', test: (line) => /(?<![\d.])27[\s\u202f\u00a0]?419(?![\d])/.test(line) },
    ];
    // The detector finds each value where it is written.
    const written = JSON.stringify({ ...person, email: person.email.toUpperCase(), nud: employee.nud, rfrN2: income });
    expect(forbidden.filter((rule) => !rule.test(written)).map((rule) => rule.what)).toEqual([]);
    const lines = captured
      .join('\n')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const powertools = lines.filter((line) => /^\{.*"level":/.test(line.trim()));
    const leaks = lines.flatMap((line) => forbidden.filter((rule) => rule.test(line)).map((rule) => `${rule.what}: ${line}`));
    console.info(`[no-personal-data-in-logs] ${lines.length} lines scanned, ${powertools.length} of them Powertools JSON lines`);
    expect(leaks).toEqual([]);
    // The capture provably worked: the functions logged (the e-mails handled, the documents received...).
    expect(powertools.length).toBeGreaterThanOrEqual(20);
    for (const message of ['"Notification handled"', '"Documents received"'])
      expect(powertools.some((line) => line.includes(message))).toBe(true);
  });
});
