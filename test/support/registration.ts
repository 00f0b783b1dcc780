import { api, cloud, eventually } from './api.ts';

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};
export const unique = () => `${Date.now().toString(36)}${process.pid.toString(36)}${next()}`;
export const uniqueNud = () => `0751226${String(Date.now() % 1e6).padStart(6, '0')}${String(next() % 1000).padStart(3, '0')}`;

export const registration = (overrides: Record<string, unknown> = {}) => ({
  civility: 'Mme',
  lastName: 'Martin',
  firstName: 'Camille',
  phone: '06 12 34 56 78',
  email: `camille.${unique()}@example.org`,
  nud: uniqueNud(),
  siret: '43219876500013',
  consent: true,
  ...overrides,
});

interface Mail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

export async function mailsTo(address: string): Promise<Mail[]> {
  const store = (await (await fetch(`${cloud().mailbox}/store`)).json()) as { emails: Mail[] };
  return store.emails.filter((mail) => mail.destination.to.includes(address));
}

/** The password token carried by the welcome e-mail's link. */
export async function linkTokenFor(address: string): Promise<string> {
  const [mail] = await eventually('the welcome e-mail', async () => {
    const mails = await mailsTo(address);
    return mails.length ? mails : undefined;
  });
  const token = /jeton=([\w-]+)/.exec(mail!.body.text ?? '')?.[1];
  if (!token) throw new Error('no link in the welcome e-mail');
  return token;
}

/** The `sub` claim of a token, read without verification (the gateway verifies). */
export const subOf = (token: string): string =>
  (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub: string }).sub;

/** Registers a new employee, chooses the password through the e-mailed link, and logs in. */
export async function registeredEmployee(overrides: Record<string, unknown> = {}) {
  const body = registration(overrides);
  const registered = await api('POST', '/registrations', { body });
  if (registered.status !== 202) throw new Error(`registration failed: ${registered.status}`);
  const password = 'Logement2026';
  const token = await linkTokenFor(body.email);
  const chosen = await api('POST', '/auth/password', { body: { token, password } });
  if (chosen.status !== 200) throw new Error(`password failed: ${chosen.status}`);
  const login = await api<{ idToken: string }>('POST', '/auth/login', { body: { email: body.email, password } });
  // The account, and so the employee id (its sub), exists once the link is used.
  return { ...body, employeeId: subOf(login.body.idToken), password, idToken: login.body.idToken };
}
