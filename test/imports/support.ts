import { api, eventually, tokenOf } from '../support/api.ts';
import { csvRow, header } from '../support/offers.ts';
import { linkTokenFor, unique } from '../support/registration.ts';

const password = 'Bailleur2026';

/** A landlord of its own, with a logged-in landlord user: imports of a test never meet another's. */
export async function freshLandlord(name = 'Habitat Import Test') {
  const operator = await tokenOf('operator');
  const created = await api('POST', '/landlords', { token: operator, body: { name } });
  if (created.status !== 201) throw new Error(`landlord creation failed: ${created.status}`);
  const landlordId = created.body.landlordId as string;
  const email = `imports.${unique()}@example.org`;
  const invited = await api('POST', `/landlords/${landlordId}/users`, { token: operator, body: { email, role: 'landlord' } });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status}`);
  const chosen = await api('POST', '/auth/password', { body: { token: await linkTokenFor(email), password } });
  if (chosen.status !== 200) throw new Error(`password failed: ${chosen.status}`);
  const login = await api<{ idToken: string }>('POST', '/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { landlordId, token: login.body.idToken };
}

/** Asks for an upload and PUTs the file to the presigned URL; returns the import id. */
export async function uploadFile(token: string, format: 'csv' | 'json', body: string | Uint8Array, filename = `offres.${format}`) {
  const sizeBytes = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  const requested = await api('POST', '/landlord/imports', { token, body: { format, filename, sizeBytes } });
  if (requested.status !== 201) throw new Error(`import request failed: ${requested.status} ${JSON.stringify(requested.body)}`);
  const { importId, upload } = requested.body as { importId: string; upload: { url: string; headers: Record<string, string> } };
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body });
  if (put.status !== 200) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
  return importId;
}

/** The import once finished (DONE or FAILED), read through the API. */
export function finishedImport(token: string, importId: string, timeoutMs = 30_000) {
  return eventually(
    `import ${importId} finished`,
    async () => {
      const response = await api('GET', `/landlord/imports/${importId}`, { token });
      return ['DONE', 'FAILED'].includes(response.body?.status) ? response.body : undefined;
    },
    timeoutMs,
  );
}

export { csvRow, header };

export const csvFile = (rows: readonly string[], head = header) => `${[head, ...rows].join('\n')}\n`;
