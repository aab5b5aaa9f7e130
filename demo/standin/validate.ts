/**
 * Parameter checks in the manner of the Joi schemas behind sauceFlex: unknown keys are refused
 * (`'foo' is not allowed`, quoted as the guide's samples), the rest get Joi's wording
 * (`"returnLimit" must be less than or equal to 100`). Every problem is reported, not only the first.
 */
import { badParameters } from './envelope.js';

export type FieldRule =
  | { type: 'string'; required?: boolean; oneOf?: readonly string[]; isoDate?: boolean; pattern?: RegExp }
  | { type: 'integer'; required?: boolean; min?: number; max?: number }
  | { type: 'number'; required?: boolean; min?: number }
  /** JSON bodies only. `of: 'string'` checks each element; otherwise the caller checks elements. */
  | { type: 'array'; required?: boolean; minItems?: number; of?: 'string' };

export type Schema = Record<string, FieldRule>;

/** ISO 8601 as Joi's `.iso()` takes it: a date, optionally a time, optionally a zone. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isIsoDate(value: string): boolean {
  return ISO_8601.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Checks a query string; returns each known key's single value. Numbers arrive as text and are
 * converted as Joi would (`'10'` → 10), but only for `integer`/`number` rules.
 */
export function checkQuery(params: URLSearchParams, schema: Schema): Record<string, string | undefined> {
  const errors: string[] = [];
  const values: Record<string, string | undefined> = {};
  for (const key of new Set(params.keys())) {
    if (!(key in schema)) errors.push(`'${key}' is not allowed`);
  }
  for (const [key, rule] of Object.entries(schema)) {
    const all = params.getAll(key);
    if (all.length > 1) {
      // Repeated keys reach Joi as an array.
      errors.push(`"${key}" must be a ${rule.type === 'string' ? 'string' : 'number'}`);
      continue;
    }
    const value = all[0];
    if (value === undefined) {
      if (rule.required) errors.push(`"${key}" is required`);
      continue;
    }
    let problem: string | undefined;
    if (rule.type === 'string') problem = stringProblem(key, value, rule);
    else if (rule.type === 'array') problem = `"${key}" must be an array`;
    else problem = numberProblem(key, Number(value), value, rule);
    if (problem) errors.push(problem);
    else values[key] = value;
  }
  if (errors.length) throw badParameters(errors);
  return values;
}

/**
 * Checks a JSON object (a request body or one element of an array in it). Strings must really be
 * strings: the guide sends every payment value as a string, and a number in their place is refused.
 */
export function bodyProblems(value: unknown, schema: Schema, path = ''): string[] {
  const label = (key: string) => (path ? `${path}.${key}` : key);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`"${path || 'value'}" must be of type object`];
  }
  const record = value as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(record)) {
    if (!(key in schema)) errors.push(`'${label(key)}' is not allowed`);
  }
  for (const [key, rule] of Object.entries(schema)) {
    const v = record[key];
    if (v === undefined) {
      if (rule.required) errors.push(`"${label(key)}" is required`);
      continue;
    }
    let problem: string | undefined;
    if (rule.type === 'string') {
      problem = typeof v === 'string' ? stringProblem(label(key), v, rule) : `"${label(key)}" must be a string`;
    } else if (rule.type === 'array') {
      problem = arrayProblem(label(key), v, rule);
    } else {
      problem = typeof v === 'number' ? numberProblem(label(key), v, String(v), rule) : `"${label(key)}" must be a number`;
    }
    if (problem) errors.push(problem);
  }
  return errors;
}

export function checkBody(value: unknown, schema: Schema): Record<string, unknown> {
  const errors = bodyProblems(value, schema);
  if (errors.length) throw badParameters(errors);
  return value as Record<string, unknown>;
}

function stringProblem(key: string, value: string, rule: Extract<FieldRule, { type: 'string' }>): string | undefined {
  if (value === '') return `"${key}" is not allowed to be empty`;
  if (rule.oneOf && !rule.oneOf.includes(value)) return `"${key}" must be one of [${rule.oneOf.join(', ')}]`;
  if (rule.isoDate && !isIsoDate(value)) return `"${key}" must be in ISO 8601 date format`;
  if (rule.pattern && !rule.pattern.test(value)) {
    return `"${key}" with value "${value}" fails to match the required pattern: ${rule.pattern}`;
  }
  return undefined;
}

function arrayProblem(key: string, value: unknown, rule: Extract<FieldRule, { type: 'array' }>): string | undefined {
  if (!Array.isArray(value)) return `"${key}" must be an array`;
  if (rule.minItems !== undefined && value.length < rule.minItems) return `"${key}" must contain at least ${rule.minItems} items`;
  if (rule.of === 'string') {
    const bad = value.findIndex((item) => typeof item !== 'string' || item === '');
    if (bad >= 0) return typeof value[bad] === 'string' ? `"${key}[${bad}]" is not allowed to be empty` : `"${key}[${bad}]" must be a string`;
  }
  return undefined;
}

function numberProblem(key: string, n: number, raw: string, rule: Extract<FieldRule, { type: 'integer' | 'number' }>): string | undefined {
  if (raw.trim() === '' || !Number.isFinite(n)) return `"${key}" must be a number`;
  if (rule.type === 'integer' && !Number.isInteger(n)) return `"${key}" must be an integer`;
  if (rule.min !== undefined && n < rule.min) return `"${key}" must be greater than or equal to ${rule.min}`;
  if (rule.type === 'integer' && rule.max !== undefined && n > rule.max) return `"${key}" must be less than or equal to ${rule.max}`;
  return undefined;
}

/** Reads a JSON body; anything that is not JSON is an FA1010, as a body parser in front of Joi answers. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badParameters(['"body" must be valid JSON']);
  }
}
