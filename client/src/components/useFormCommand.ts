/**
 * A form that sends one command: what is typed is checked first, then sent as
 * a mutation. Errors come per field (the check's words, or the server's) and
 * for the whole form (the server's words through the one error mapper).
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { errorMessage } from '../api/errorMessage.js';
import { ApiError } from '../api/http.js';

export type FieldErrors = Partial<Record<string, string>>;
type Values = Record<string, FormDataEntryValue>;
/** The typed values made into what is sent, or the words for each field that is not right. */
export type FormCheck<Body> = (values: Values) => { body: Body } | { errors: FieldErrors };

/** Each field's first problem, in the schema's own words (the server's too). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return errors;
}

/** Checked with a zod schema: the same words whichever side catches a mistake. */
export function bySchema<S extends z.ZodType>(schema: S): FormCheck<z.infer<S>> {
  return (values) => {
    const parsed = schema.safeParse(values);
    return parsed.success ? { body: parsed.data } : { errors: fieldErrors(parsed.error) };
  };
}

export function useFormCommand<Body, Answer>(
  check: FormCheck<Body>,
  {
    send,
    fallback,
    onSuccess,
  }: {
    send: (body: Body) => Promise<Answer>;
    /** What to say when the server could not answer in words. */
    fallback: string;
    onSuccess?: (answer: Answer, body: Body, form: HTMLFormElement) => void;
  },
) {
  const [invalid, setInvalid] = useState<FieldErrors | null>(null);
  const command = useMutation({ mutationFn: ({ body }: { body: Body; form: HTMLFormElement }) => send(body) });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = check(Object.fromEntries(new FormData(form)));
    if ('errors' in checked) {
      command.reset();
      setInvalid(checked.errors);
      return;
    }
    setInvalid(null);
    command.mutate({ body: checked.body, form }, { onSuccess: (answer) => onSuccess?.(answer, checked.body, form) });
  };
  const { error } = command;
  return {
    submit,
    /** Per field: the check's words, else the server's. */
    errors: invalid ?? (error instanceof ApiError ? error.fields : {}),
    /** The server's words about the whole form, or `fallback`. */
    formError: command.isError ? errorMessage(error, fallback) : null,
    error,
    busy: command.isPending,
    done: command.isSuccess,
    answer: command.data,
    /** What was sent last. */
    sent: command.variables?.body,
    reset: () => {
      setInvalid(null);
      command.reset();
    },
  };
}
