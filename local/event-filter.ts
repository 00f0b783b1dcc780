/**
 * Lambda event filtering (the `FilterCriteria` of an event source mapping), for the subset of
 * the syntax this project uses. Written against the Lambda documentation so that a pattern that
 * lets a record through here lets it through on AWS too:
 * - a pattern mirrors the record: an object descends into the field of the same name, an array
 *   lists the conditions of a leaf, any one of which must hold;
 * - a condition is an exact value (string, number, boolean, null) or an operator object:
 *   `{ prefix }`, `{ exists }`, `{ 'anything-but' }`, `{ numeric }`. Operators are only
 *   recognised inside the array, as on AWS (a bare `{ prefix: 'x' }` names a field `prefix`);
 * - when the record holds an array, the condition holds if it holds for one of its elements;
 * - `exists` tests only whether the field is there, whatever its value (AWS documents it for
 *   leaf fields; use it on leaves to stay on the documented side).
 * An operator outside this subset throws, rather than silently letting nothing through.
 */

export type FilterPattern = { readonly [field: string]: FilterPattern | readonly FilterCondition[] };

export type ExactValue = string | number | boolean | null;

export type FilterCondition =
  | ExactValue
  | { readonly prefix: string }
  | { readonly exists: boolean }
  | { readonly 'anything-but': ExactValue | readonly ExactValue[] }
  | { readonly numeric: readonly (string | number)[] };

export class UnsupportedFilterError extends Error {
  override readonly name = 'UnsupportedFilterError';
}

/** True when the record passes the pattern, as Lambda decides before building a batch. */
export function matchesFilter(pattern: FilterPattern | Record<string, unknown>, record: unknown): boolean {
  return compileFilter(pattern)(record);
}

type Predicate = (record: unknown) => boolean;

/**
 * Checks the whole pattern once and returns its predicate, so an unsupported operator fails
 * when the poller starts rather than on the first record that happens to reach it.
 */
export function compileFilter(pattern: FilterPattern | Record<string, unknown>): Predicate {
  const fields = Object.entries(pattern).map(([field, rule]) => compileField(field, rule));
  return (record) => isPlainObject(record) && fields.every((matches) => matches(record));
}

function compileField(field: string, rule: unknown): (record: Record<string, unknown>) => boolean {
  if (Array.isArray(rule)) {
    const conditions = rule.map((condition) => compileCondition(field, condition));
    return (record) => {
      const present = Object.hasOwn(record, field);
      return conditions.some((condition) => condition(present, record[field]));
    };
  }
  if (isPlainObject(rule)) {
    const nested = compileFilter(rule);
    return (record) => {
      if (!Object.hasOwn(record, field)) return false;
      const value = record[field];
      // An array of objects in the record is matched element by element, as EventBridge does.
      return (Array.isArray(value) ? value : [value]).some(nested);
    };
  }
  throw new UnsupportedFilterError(
    `Filter rule for "${field}" must be an array of conditions or a nested object, got ${JSON.stringify(rule)}`,
  );
}

type Condition = (present: boolean, value: unknown) => boolean;

function compileCondition(field: string, condition: unknown): Condition {
  if (isPlainObject(condition) && 'exists' in condition) {
    const wanted = condition.exists;
    if (typeof wanted !== 'boolean' || Object.keys(condition).length !== 1) {
      throw new UnsupportedFilterError(`"exists" on "${field}" takes true or false, got ${JSON.stringify(condition)}`);
    }
    return (present) => present === wanted;
  }
  const leaf = compileLeaf(field, condition);
  return (present, value) => present && (Array.isArray(value) ? value : [value]).some(leaf);
}

function compileLeaf(field: string, condition: unknown): (leaf: unknown) => boolean {
  if (isExactValue(condition)) return (leaf) => leaf === condition;
  const operators = isPlainObject(condition) ? Object.keys(condition) : [];
  if (!isPlainObject(condition) || operators.length !== 1) {
    throw new UnsupportedFilterError(
      `Filter condition on "${field}" must be an exact value or one operator, got ${JSON.stringify(condition)}`,
    );
  }
  if ('prefix' in condition) return compilePrefix(field, condition.prefix);
  if ('anything-but' in condition) return compileAnythingBut(field, condition['anything-but']);
  if ('numeric' in condition) return compileNumeric(field, condition.numeric);
  throw new UnsupportedFilterError(
    `Unsupported filter operator "${operators[0]}" on "${field}" (supported: exact values, prefix, exists, anything-but, numeric)`,
  );
}

function compilePrefix(field: string, prefix: unknown): (leaf: unknown) => boolean {
  if (typeof prefix !== 'string') {
    throw new UnsupportedFilterError(`"prefix" on "${field}" takes a string, got ${JSON.stringify(prefix)}`);
  }
  return (leaf) => typeof leaf === 'string' && leaf.startsWith(prefix);
}

function compileAnythingBut(field: string, excluded: unknown): (leaf: unknown) => boolean {
  const values: unknown[] = Array.isArray(excluded) ? excluded : [excluded];
  if (!values.every(isExactValue)) {
    throw new UnsupportedFilterError(`"anything-but" on "${field}" takes exact values, got ${JSON.stringify(excluded)}`);
  }
  const set = new Set<unknown>(values);
  return (leaf) => !set.has(leaf);
}

const comparisons: Record<string, (left: number, right: number) => boolean> = {
  '<': (left, right) => left < right,
  '<=': (left, right) => left <= right,
  '=': (left, right) => left === right,
  '>=': (left, right) => left >= right,
  '>': (left, right) => left > right,
};

function compileNumeric(field: string, terms: unknown): (leaf: unknown) => boolean {
  if (!Array.isArray(terms) || terms.length === 0 || terms.length % 2 !== 0) {
    throw new UnsupportedFilterError(`"numeric" on "${field}" takes operator and number pairs, got ${JSON.stringify(terms)}`);
  }
  const checks: ((value: number) => boolean)[] = [];
  for (let index = 0; index < terms.length; index += 2) {
    const operator: unknown = terms[index];
    const bound: unknown = terms[index + 1];
    const compare = typeof operator === 'string' ? comparisons[operator] : undefined;
    if (!compare || typeof bound !== 'number') {
      throw new UnsupportedFilterError(`"numeric" on "${field}" has an invalid pair ${JSON.stringify([operator, bound])}`);
    }
    checks.push((value) => compare(value, bound));
  }
  // Numbers only: a DynamoDB `N` arrives as a string and is not compared numerically, as on AWS.
  return (leaf) => typeof leaf === 'number' && checks.every((check) => check(leaf));
}

function isExactValue(value: unknown): value is ExactValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
