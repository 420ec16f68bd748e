/**
 * Parses request input with a shared zod schema, turning failures into a 400
 * `validation_failed` whose `fields` name each bad field with a message a
 * person can act on.
 */
import type { z } from 'zod';
import { errors } from '../errors.js';

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** Messages for failures the shared schemas do not word themselves (in the same style as theirs). */
function messageFor(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.input === undefined) return 'This is required';
  if (issue.code === 'invalid_type') return `This should be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  if (issue.code === 'invalid_value') return `Choose one of: ${issue.values.map(String).join(', ')}`;
  return undefined;
}

/** The parsed value, or a `validation_failed` error naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // A missing or non-JSON body is an empty object, so the schema names the missing fields.
  const result = schema.safeParse(input ?? {}, { error: messageFor });
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : '_';
    fields[key] ??= issue.message;
  }
  throw errors.validation(fields);
}
