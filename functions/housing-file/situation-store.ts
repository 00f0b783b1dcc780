import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { employeeAttributesUpdate, employeeFromItem, employeeKey } from '#identity/employee-store.ts';
import type { CalendarDate } from '#shared/calendar.ts';
import type { NudDates } from './nud-validity.ts';
import { housingKindSchema, priorityCriterionSchema, relationshipSchema, typologySchema } from './situation-schemas.ts';

/**
 * "Ma situation" lives on the employee's profile item (`employeeKey`), as attributes:
 * - `situation`: a map with the sections the employee filled in (absent sections are not stored);
 * - `nudFirstRegisteredOn`, `nudLastRenewedOn`: the NUD's dates, top-level so that conditions
 *   can compare them;
 * - `GSI3PK = NUD_EXPIRY#<yyyy-mm>`, `GSI3SK = <expiresOn>#<employeeId>`: the sparse index the
 *   NUD-expiry schedule queries month by month, rewritten whenever a NUD date changes.
 */
export const nudExpiryIndexKey = (expiresOn: CalendarDate, employeeId: string) => ({
  GSI3PK: `NUD_EXPIRY#${expiresOn.slice(0, 7)}`,
  GSI3SK: `${expiresOn}#${employeeId}`,
});

const storedSituationSchema = z.object({
  household: z
    .object({
      members: z.array(z.object({ relationship: relationshipSchema, birthDate: z.iso.date(), disability: z.boolean() })),
    })
    .optional(),
  income: z
    .object({
      yearN2: z.int(),
      rfrN2: z.number(),
      incomeN1: z.number().optional(),
      incomeLast12Months: z.number().optional(),
    })
    .optional(),
  employment: z
    .object({
      kind: z.enum(['CDI', 'CDD', 'other']),
      startDate: z.iso.date(),
      endDate: z.iso.date().optional(),
      description: z.string().optional(),
      trialPeriod: z.object({ ongoing: z.boolean(), endsOn: z.iso.date().optional() }),
    })
    .optional(),
  mainResidence: z.boolean().optional(),
  searchCriteria: z
    .object({
      kinds: z.array(housingKindSchema),
      typologies: z.array(typologySchema),
      /** Commune codes of the COG (arrondissements already mapped to their commune). */
      communes: z.array(z.string()),
      minSurfaceM2: z.number(),
      maxRentEuros: z.number(),
    })
    .optional(),
  /** Priority criteria the employee declared (`disability` is also derived from the household). */
  priorityCriteria: z.array(priorityCriterionSchema).optional(),
  updatedAt: z.iso.datetime(),
});
export type Situation = z.output<typeof storedSituationSchema>;

const situationAttributesSchema = z.object({
  situation: storedSituationSchema.optional(),
  nudFirstRegisteredOn: z.iso.date().optional(),
  nudLastRenewedOn: z.iso.date().optional(),
});

/** What "Ma situation" reads from the employee's item. */
export interface SituationRecord {
  readonly employeeId: string;
  readonly nud: string;
  /** The employer: offers reserved for some companies read it along with the situation. */
  readonly siret: string;
  readonly nudDates: NudDates;
  readonly situation?: Situation;
}

export function situationRecordFromItem(item: Record<string, unknown>): SituationRecord {
  const employee = employeeFromItem(item);
  const attributes = situationAttributesSchema.parse(item);
  return {
    employeeId: employee.id,
    nud: employee.nud,
    siret: employee.siret,
    nudDates: { firstRegisteredOn: attributes.nudFirstRegisteredOn, lastRenewedOn: attributes.nudLastRenewedOn },
    situation: attributes.situation,
  };
}

export class EmployeeNotFound extends Error {
  override readonly name = 'EmployeeNotFound';
}

/** A NUD date changed between the read and the write (a concurrent request). */
export class NudDatesChanged extends Error {
  override readonly name = 'NudDatesChanged';
}

/** A new NUD date and the expiry it leads to, written only if the other date is still `otherAsRead`. */
interface NudDateChange {
  readonly on: CalendarDate;
  readonly expiresOn: CalendarDate;
  readonly otherAsRead: CalendarDate | undefined;
}

export interface SituationStore {
  get(employeeId: string): Promise<SituationRecord | undefined>;
  /** Replaces the situation and, when given, the first-registration date of the NUD. */
  saveSituation(employeeId: string, situation: Situation, firstRegistration?: NudDateChange): Promise<SituationRecord>;
  /** Sets the last-renewal date of the NUD. */
  saveRenewal(employeeId: string, renewal: NudDateChange): Promise<SituationRecord>;
}

export function situationStore(db: DynamoDBDocumentClient, tableName: string): SituationStore {
  /**
   * One UpdateItem that answers the new item. The item must exist; a NUD date is written only if
   * the other date is still the one the use case checked it against, so the order of the dates
   * and the expiry index stay right under concurrent requests.
   */
  async function update(
    employeeId: string,
    sets: Record<string, unknown>,
    guard?: { attribute: 'nudFirstRegisteredOn' | 'nudLastRenewedOn'; asRead: CalendarDate | undefined },
  ): Promise<SituationRecord> {
    const condition = !guard
      ? undefined
      : guard.asRead === undefined
        ? { expression: 'attribute_not_exists(#guard)', names: { '#guard': guard.attribute } }
        : { expression: '#guard = :asRead', names: { '#guard': guard.attribute }, values: { ':asRead': guard.asRead } };
    try {
      const { Attributes } = await db.send(
        new UpdateCommand({
          ...employeeAttributesUpdate(tableName, employeeId, sets, condition),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      if (!Attributes) throw new Error('UpdateItem returned no attributes');
      return situationRecordFromItem(Attributes);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) throw new EmployeeNotFound();
      throw new NudDatesChanged();
    }
  }

  return {
    async get(employeeId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: employeeKey(employeeId) }));
      return Item ? situationRecordFromItem(Item) : undefined;
    },
    saveSituation(employeeId, situation, firstRegistration) {
      if (!firstRegistration) return update(employeeId, { situation });
      return update(
        employeeId,
        { situation, nudFirstRegisteredOn: firstRegistration.on, ...nudExpiryIndexKey(firstRegistration.expiresOn, employeeId) },
        { attribute: 'nudLastRenewedOn', asRead: firstRegistration.otherAsRead },
      );
    },
    saveRenewal(employeeId, renewal) {
      return update(
        employeeId,
        { nudLastRenewedOn: renewal.on, ...nudExpiryIndexKey(renewal.expiresOn, employeeId) },
        { attribute: 'nudFirstRegisteredOn', asRead: renewal.otherAsRead },
      );
    },
  };
}
