import { createHash } from 'node:crypto';

/**
 * The demo landlords and their offers, as data: `local/seed.ts` creates and publishes them
 * through the offer use cases.
 */

/** Demo landlords; fixed ids so that their users' `custom:landlordId` survives a restart. */
export function demoLandlordList() {
  return [
    {
      landlordId: '5b0c8f6e-3d1a-4c2e-9f4b-7a1d2c3e4f50',
      name: 'Paris Habitat Demo',
      siren: '344810825',
      domain: 'paris-habitat',
      prefix: 'PHD',
      key: '',
    },
    {
      landlordId: '8e2d4a71-6c3b-4f5d-8a9e-1b2c3d4e5f60',
      name: 'Lyon Métropole Habitat Demo',
      siren: undefined,
      domain: 'lyon-habitat',
      prefix: 'LMH',
      key: '-other',
    },
  ];
}

/** Where the demo offers are: [landlord index, INSEE code (arrondissements allowed), postal code, how many, kind]. */
const demoOfferPlaces: readonly (readonly [number, string, string, number, 'apartment' | 'house'])[] = [
  [0, '75111', '75011', 3, 'apartment'],
  [0, '75118', '75018', 3, 'apartment'],
  [0, '75119', '75019', 2, 'apartment'],
  [0, '75120', '75020', 2, 'apartment'],
  [0, '75113', '75013', 2, 'apartment'],
  [0, '92012', '92100', 4, 'apartment'],
  [0, '92040', '92130', 3, 'apartment'],
  [0, '92044', '92300', 3, 'apartment'],
  [0, '92051', '92200', 2, 'apartment'],
  [0, '92063', '92500', 3, 'house'],
  [0, '92050', '92000', 3, 'apartment'],
  [0, '93066', '93200', 5, 'apartment'],
  [1, '69383', '69003', 3, 'apartment'],
  [1, '69387', '69007', 3, 'apartment'],
  [1, '69388', '69008', 2, 'apartment'],
  [1, '69266', '69100', 4, 'apartment'],
  [1, '69259', '69200', 3, 'house'],
];

const typologies = ['T1', 'T2', 'T3', 'T4', 'T5+'] as const;
const financings = ['PLAI', 'PLUS', 'PLUS', 'PLS'] as const;
const energyClasses = ['B', 'C', 'D', 'C', 'E', 'D'] as const;
const streets = [
  'rue de la République',
  'avenue Jean Jaurès',
  'rue Victor Hugo',
  'boulevard Pasteur',
  'rue des Écoles',
  'allée des Tilleuls',
];
/** Monthly rent per m² by financing, in Paris and its department neighbours (zone A) and in Lyon (lower). */
const rentPerM2 = { A: { PLAI: 6.4, PLUS: 7.3, PLS: 11.8 }, other: { PLAI: 5.4, PLUS: 6.2, PLS: 9.1 } } as const;

/** `list[index]` for an index known to be in range (a modulo of the length, a row of a fixed table). */
function itemAt<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`Demo data: no item at ${index} in a list of ${list.length}.`);
  return item;
}

/** The demo offers as `POST /landlord/offers` bodies, with how many days before the seed each was published. */
export function demoOffers() {
  let index = 0;
  return demoOfferPlaces.flatMap(([landlordIndex, commune, postalCode, count, kind]) =>
    Array.from({ length: count }, () => {
      index += 1;
      const landlord = itemAt(demoLandlordList(), landlordIndex);
      const typology = itemAt(typologies, (index * 3) % typologies.length);
      const rooms = typologies.indexOf(typology) + 1 + (typology === 'T5+' && index % 2 === 0 ? 1 : 0);
      const surfaceM2 = itemAt([27, 46, 64, 79, 95], Math.min(rooms - 1, 4)) + (index % 5) * 2 + (rooms > 5 ? 12 : 0);
      const financing = itemAt(financings, index % financings.length);
      const perM2 = rentPerM2[landlordIndex === 0 ? 'A' : 'other'][financing];
      const rentEuros = Math.round(surfaceM2 * perM2 * 100) / 100;
      const body = {
        externalReference: `${landlord.prefix}-${String(index).padStart(4, '0')}`,
        residenceName: `Résidence ${['Les Lilas', 'Le Parc', 'Les Jardins', 'La Source', 'Les Acacias'][index % 5]}`,
        address: `${((index * 7) % 120) + 1} ${streets[index % streets.length]}`,
        postalCode,
        commune,
        kind,
        typology,
        rooms,
        bedrooms: rooms - 1,
        surfaceM2,
        floor: kind === 'house' ? 0 : index % 7,
        elevator: kind === 'apartment' && index % 3 !== 0,
        accessibility: itemAt(['standard', 'standard', 'accessible', 'standard', 'adapted'] as const, index % 5),
        rentEuros,
        chargesEuros: Math.round(surfaceM2 * 1.6),
        depositEuros: rentEuros,
        energyClass: itemAt(energyClasses, index % energyClasses.length),
        financing,
        availableFrom: `2026-${String((index % 6) + 7).padStart(2, '0')}-01`,
        description: `${typology} de ${surfaceM2} m², ${kind === 'house' ? 'maison avec jardin' : 'appartement'} proche des transports et des commerces.`,
        ...(index % 9 === 4 ? { reservedForSirets: ['43219876500013'] } : {}),
      };
      // Two published 9 days ago (closed under the 7-day production window); the others 0 to 5 days ago.
      const publishedDaysAgo = index === 7 || index === 41 ? 9 : index % 6;
      return { landlordId: landlord.landlordId, body, publishedDaysAgo };
    }),
  );
}

/** A stable id per landlord and reference: a restart with persisted data finds the same offers. */
export const demoOfferId = (landlordId: string, reference: string) => {
  const hex = createHash('sha256').update(`${landlordId}:${reference}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
