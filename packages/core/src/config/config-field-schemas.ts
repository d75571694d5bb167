import { z } from 'zod';

/**
 * Small field schemas shared by the config sections. Messages never include the value, so an
 * interpolated secret cannot end up in an error.
 */

/** An id: a backend key, a target id. */
export const idSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/,
    'must be 1–128 characters: letters, digits and . _ : / @ + -, starting with a letter or digit',
  );

/** The name of an environment variable. */
export const environmentVariableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name (letters, digits, _)');

/** A duration or count in whole positive units. */
export const positiveIntegerSchema = z.number().int().positive();

/** Milliseconds, at most one day. */
export const millisecondsSchema = z.number().int().positive().max(86_400_000);

/** An http(s) URL. */
export const httpUrlSchema = z.url({
  protocol: /^https?$/,
  // A function, so a missing field falls through to the parse-level "required" message.
  error: (issue) =>
    issue.input === undefined ? undefined : 'must be an http(s) URL, e.g. http://127.0.0.1:8080',
});

/** A USD amount. */
export const usdSchema = z.number().nonnegative();
