import type { Offer } from '#offers/offer-store.ts';

/**
 * A complete T3 in Boulogne-Billancourt, 730.50 € with charges, as a landlord describes it (the
 * body of `POST /landlord/offers`, the fields of an import row). Pure data: the benchmarks use it too.
 */
export const tilleulsOffer = (externalReference: string) =>
  ({
    externalReference,
    residenceName: 'Résidence des Tilleuls',
    address: '12 rue des Tilleuls',
    postalCode: '92100',
    commune: '92012',
    kind: 'apartment',
    typology: 'T3',
    rooms: 3,
    bedrooms: 2,
    surfaceM2: 64.5,
    floor: 2,
    elevator: true,
    accessibility: 'accessible',
    rentEuros: 620.5,
    chargesEuros: 110,
    depositEuros: 620.5,
    energyClass: 'C',
    financing: 'PLUS',
    availableFrom: '2026-09-01',
    description: 'Lumineux, proche du métro.',
  }) satisfies Partial<Offer>;

/** A complete T2 in Bordeaux, 500 € with charges, that fits a single person; `overrides` set place, financing, reservation... */
export const t2Offer = (overrides: Record<string, unknown>) => ({
  residenceName: 'Résidence du Test',
  address: '1 rue du Test',
  postalCode: '33000',
  commune: '33063',
  kind: 'apartment',
  typology: 'T2',
  rooms: 2,
  bedrooms: 1,
  surfaceM2: 45,
  floor: 1,
  elevator: false,
  accessibility: 'standard',
  rentEuros: 450,
  chargesEuros: 50,
  depositEuros: 450,
  energyClass: 'C',
  financing: 'PLUS',
  availableFrom: '2026-10-01',
  description: 'Offre de test.',
  ...overrides,
});

/** The columns of an import file (CSV), in the order of the documented template. */
export const header =
  'externalReference;residenceName;address;postalCode;commune;kind;typology;rooms;bedrooms;surfaceM2;floor;elevator;accessibility;rentEuros;chargesEuros;depositEuros;energyClass;financing;availableFrom;description;reservedForSirets;publish';

/** A cell as a landlord's spreadsheet writes it: decimal comma, `oui`/`non`. */
const cell = (value: string | number | boolean) =>
  typeof value === 'boolean' ? (value ? 'oui' : 'non') : typeof value === 'number' ? String(value).replace('.', ',') : value;

/** `tilleulsOffer(reference)` as a complete CSV row (every field publication needs), a draft unless `publish` says otherwise. */
export function csvRow(reference: string, overrides: Partial<Record<string, string>> = {}) {
  const cells = Object.fromEntries(Object.entries(tilleulsOffer(reference)).map(([column, value]) => [column, cell(value)]));
  const values: Record<string, string> = { ...cells, reservedForSirets: '', publish: 'non', ...overrides };
  return header
    .split(';')
    .map((column) => values[column] ?? '')
    .join(';');
}
