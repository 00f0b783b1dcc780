import type { DeclaredIncome } from '#housing-file/situation-income.ts';
import { retainedIncome } from '#housing-file/situation-income.ts';
import { householdCategory, type HouseholdMember } from '#housing-file/household.ts';
import { ceilingFor, ceilingTables, ceilingYearOf, type Ceiling, type CeilingTable, type Financing } from '#offers/reference/ceilings.ts';
import type { Geography } from '#offers/reference/geography.ts';
import { maxOccupants, maxRoomsFor, minSurfaceM2For, offerEligibilityRules, type OfferEligibilityRules } from './eligibility-rules.ts';
import { euros } from '#shared/formats.ts';

type HousingKind = 'apartment' | 'house';
/** 'T5+' means 5 rooms or more. */
type Typology = 'T1' | 'T2' | 'T3' | 'T4' | 'T5+';

/** What eligibility needs to know about an offer (the stored offer passes as is). */
export interface OfferFacts {
  /** INSEE code of the commune. */
  readonly commune: string;
  readonly department: string;
  readonly kind: HousingKind;
  readonly typology: Typology;
  /** Main rooms (pièces principales). */
  readonly rooms: number;
  readonly bedrooms: number;
  readonly surfaceM2: number;
  /** Monthly rent without charges, euros. */
  readonly rentEuros: number;
  /** Monthly charges, euros. */
  readonly chargesEuros: number;
  readonly financing: Financing;
  /** When set and not empty, only employees of these companies may apply. */
  readonly reservedForSirets?: readonly string[] | undefined;
  /** ISO instants; absent while the offer is a draft. */
  readonly publishedAt?: string | undefined;
  readonly closesAt?: string | undefined;
}

type Loose<T> = { readonly [K in keyof T]?: T[K] | undefined };

/**
 * Whether an offer whose fields may be missing (a stored offer keeps a draft's fields optional)
 * has every fact `assessOffer` needs. One that lacks a fact cannot be assessed and is listed to
 * no employee.
 */
export function hasOfferFacts<O extends Loose<OfferFacts>>(offer: O): offer is O & OfferFacts {
  const required = [
    'commune',
    'department',
    'kind',
    'typology',
    'rooms',
    'bedrooms',
    'surfaceM2',
    'rentEuros',
    'chargesEuros',
    'financing',
  ] as const;
  return required.every((field) => offer[field] !== undefined);
}

/** The parts of "Ma situation" eligibility reads (the stored situation passes as is). */
export interface ApplicantSituation {
  readonly household?: { readonly members: readonly HouseholdMember[] } | undefined;
  readonly income?: DeclaredIncome | undefined;
  readonly mainResidence?: boolean | undefined;
  readonly searchCriteria?:
    | {
        readonly kinds: readonly HousingKind[];
        readonly typologies: readonly Typology[];
        readonly minSurfaceM2: number;
        readonly maxRentEuros: number;
      }
    | undefined;
}

export interface Applicant {
  /** SIRET of the employer. */
  readonly siret: string;
  readonly situation: ApplicantSituation;
}

export type ReasonCode =
  | 'window'
  | 'reservation'
  | 'main-residence'
  | 'income'
  | 'kind'
  | 'typology'
  | 'surface'
  | 'rent'
  | 'occupancy-sleeping'
  | 'occupancy-surface'
  | 'under-occupancy';

interface Reason {
  readonly code: ReasonCode;
  readonly met: boolean;
  /** In French, for the employee. */
  readonly message: string;
}

export interface OfferAssessment {
  readonly eligible: boolean;
  /** Every criterion, in this order: window, reservation, main residence, income, kind, typology, surface, rent, occupancy. */
  readonly reasons: readonly Reason[];
  /** The ceiling applied; null when the household or the offer's zone is unknown. */
  readonly ceiling: Ceiling | null;
  /** Income compared with the ceiling; null when undeclared. */
  readonly retainedIncomeEuros: number | null;
}

const kindLabel: Record<HousingKind, string> = { apartment: 'appartement', house: 'maison' };

/**
 * Whether an employee may apply to an offer, criterion by criterion (rule R2 and the search
 * criteria of R5):
 * 1. the application window is open: `publishedAt <= now < closesAt`;
 * 2. a reservation, if any, names the employer's SIRET;
 * 3. the dwelling is sought as a main residence;
 * 4. the retained income is at most the ceiling of the offer's financing, for the household's
 *    category and the zone of the offer's commune, in the table of the publication year;
 * 5. kind, typology, minimum surface and maximum rent (with charges, by default) match the criteria;
 * 6. the household fits the dwelling: sleeping places, décence surface, no under-occupation.
 * A missing section of the situation fails the criteria that need it, with a message saying so.
 */
export function assessOffer(
  offer: OfferFacts,
  applicant: Applicant,
  now: Date,
  geography: Pick<Geography, 'zoneOf'>,
  rules: OfferEligibilityRules = offerEligibilityRules,
  tables: readonly CeilingTable[] = ceilingTables,
): OfferAssessment {
  const { situation } = applicant;
  const reasons: Reason[] = [];
  const add = (code: ReasonCode, met: boolean, message: string) => reasons.push({ code, met, message });

  add(...windowReason(offer, now));

  const reserved = offer.reservedForSirets !== undefined && offer.reservedForSirets.length > 0;
  if (!reserved) add('reservation', true, 'Offre ouverte aux salariés de toutes les entreprises.');
  else if (offer.reservedForSirets?.includes(applicant.siret)) add('reservation', true, 'Offre réservée aux salariés de votre entreprise.');
  else add('reservation', false, 'Offre réservée aux salariés d’autres entreprises.');

  if (situation.mainResidence === true) add('main-residence', true, 'Logement recherché comme résidence principale.');
  else if (situation.mainResidence === false) add('main-residence', false, 'Le logement social est réservé à la résidence principale.');
  else add('main-residence', false, 'Indiquez dans « Ma situation » si le logement sera votre résidence principale.');

  const members = situation.household?.members;
  const household = members && members.length > 0 ? householdCategory(members, now) : undefined;
  const zone = geography.zoneOf(offer.commune);
  const ceiling =
    household && zone
      ? ceilingFor(
          {
            year: ceilingYearOf(offer.publishedAt ? new Date(offer.publishedAt) : now, rules.timeZone),
            financing: offer.financing,
            category: household.category,
            extraPersons: household.extraPersons,
            zone,
          },
          tables,
        )
      : null;
  const income = situation.income ? retainedIncome(situation.income, rules.income).amount : null;
  if (!household) add('income', false, 'Complétez la composition du ménage dans « Ma situation » : le plafond de ressources en dépend.');
  else if (income === null) add('income', false, 'Déclarez vos revenus dans « Ma situation » pour vérifier le plafond de ressources.');
  else if (!ceiling) add('income', false, 'Le plafond de ressources de cette offre est inconnu (commune hors référentiel).');
  else {
    const basis = `plafond ${ceiling.financing} ${ceiling.version}, zone ${ceiling.zone}, catégorie ${ceiling.category}${
      ceiling.extraPersons > 0 ? ` + ${ceiling.extraPersons} personne(s)` : ''
    }${ceiling.official ? '' : ', montant estimé'}`;
    const met = income <= ceiling.amountEuros;
    add(
      'income',
      met,
      `Revenu retenu ${euros(income)} ${met ? 'inférieur ou égal' : 'supérieur'} au plafond de ${euros(ceiling.amountEuros)} (${basis}).`,
    );
  }

  const criteria = situation.searchCriteria;
  const noCriteria = 'Complétez vos critères de recherche dans « Ma situation ».';
  if (!criteria) {
    for (const code of ['kind', 'typology', 'surface', 'rent'] as const) add(code, false, noCriteria);
  } else {
    add(
      'kind',
      criteria.kinds.includes(offer.kind),
      `Type de logement : ${kindLabel[offer.kind]} (recherché : ${criteria.kinds.map((k) => kindLabel[k]).join(' ou ')}).`,
    );
    add(
      'typology',
      criteria.typologies.includes(offer.typology),
      `Typologie ${offer.typology} (recherchée : ${criteria.typologies.join(', ')}).`,
    );
    add(
      'surface',
      offer.surfaceM2 >= criteria.minSurfaceM2,
      `Surface ${offer.surfaceM2} m² (minimum demandé : ${criteria.minSurfaceM2} m²).`,
    );
    const monthly = offer.rentEuros + (rules.maxRentIncludesCharges ? offer.chargesEuros : 0);
    // In cents: 400 + 35.09 is 435.09000000000003 in floating point, above a 435.09 budget.
    const cents = (euros: number) => Math.round(euros * 100);
    add(
      'rent',
      cents(monthly) <= cents(criteria.maxRentEuros),
      `Loyer ${rules.maxRentIncludesCharges ? 'charges comprises ' : 'hors charges '}${euros(monthly)} (maximum demandé : ${euros(criteria.maxRentEuros)}).`,
    );
  }

  if (!household) {
    const noHousehold = 'Complétez la composition du ménage dans « Ma situation » pour vérifier l’occupation du logement.';
    for (const code of ['occupancy-sleeping', 'occupancy-surface', 'under-occupancy'] as const) add(code, false, noHousehold);
  } else {
    const persons = household.persons;
    const occupancy = rules.occupancy;
    const sleeps = maxOccupants(offer.bedrooms, occupancy);
    add(
      'occupancy-sleeping',
      persons <= sleeps,
      `Ménage de ${persons} personne(s) ; ce logement (${offer.bedrooms} chambre(s)) en accueille au plus ${sleeps}.`,
    );
    const minSurface = minSurfaceM2For(persons, occupancy);
    add(
      'occupancy-surface',
      offer.surfaceM2 >= minSurface,
      `Surface ${offer.surfaceM2} m² ; ${minSurface} m² au moins pour ${persons} personne(s).`,
    );
    const maxRooms = maxRoomsFor(persons, occupancy);
    add(
      'under-occupancy',
      offer.rooms <= maxRooms,
      `${offer.rooms} pièce(s) ; au plus ${maxRooms} pour ${persons} personne(s), au-delà le logement serait sous-occupé.`,
    );
  }

  return { eligible: reasons.every((reason) => reason.met), reasons, ceiling, retainedIncomeEuros: income };
}

function windowReason(offer: OfferFacts, now: Date): [ReasonCode, boolean, string] {
  if (!offer.publishedAt || !offer.closesAt) return ['window', false, 'Cette offre n’est pas publiée.'];
  const time = now.getTime();
  if (time < Date.parse(offer.publishedAt)) return ['window', false, 'Les candidatures à cette offre ne sont pas encore ouvertes.'];
  if (time >= Date.parse(offer.closesAt)) return ['window', false, 'Les candidatures à cette offre sont closes.'];
  return ['window', true, 'Candidatures ouvertes.'];
}
