import { api, eventually, tokenOf } from '../support/api.ts';
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
  const requested = await api('POST', '/landlord/imports', { token, body: { format, filename } });
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

export const header =
  'externalReference;residenceName;address;postalCode;commune;kind;typology;rooms;bedrooms;surfaceM2;floor;elevator;accessibility;rentEuros;chargesEuros;depositEuros;energyClass;financing;availableFrom;description;reservedForSirets;publish';

/** A complete CSV row (every field publication needs) for `reference`, in Boulogne-Billancourt. */
export function csvRow(reference: string, overrides: Partial<Record<string, string>> = {}) {
  const values: Record<string, string> = {
    externalReference: reference,
    residenceName: 'Résidence des Tilleuls',
    address: '12 rue des Tilleuls',
    postalCode: '92100',
    commune: '92012',
    kind: 'apartment',
    typology: 'T3',
    rooms: '3',
    bedrooms: '2',
    surfaceM2: '64,5',
    floor: '2',
    elevator: 'oui',
    accessibility: 'accessible',
    rentEuros: '620,50',
    chargesEuros: '110',
    depositEuros: '620,50',
    energyClass: 'C',
    financing: 'PLUS',
    availableFrom: '2026-09-01',
    description: 'Lumineux, proche du métro.',
    reservedForSirets: '',
    publish: 'non',
    ...overrides,
  };
  return header
    .split(';')
    .map((column) => values[column] ?? '')
    .join(';');
}

export const csvFile = (rows: readonly string[], head = header) => `${[head, ...rows].join('\n')}\n`;
