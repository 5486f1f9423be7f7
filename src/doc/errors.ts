/**
 * Fatal errors with stable codes. A fatal problem with one input throws a `DatelineError`; the
 * batch runner records it against that input and goes on with the next one.
 *
 * Codes (stable, documented in the README):
 * - `E_EMPTY`      input is empty or whitespace only
 * - `E_BINARY`     input is binary (NUL bytes or mostly control characters)
 * - `E_ENCODING`   input could not be decoded as text
 * - `E_TOO_LARGE`  input exceeds the configured size limit
 * - `E_NOT_FOUND`  a named file or directory does not exist
 * - `E_NO_TEXT`    no article text could be extracted (e.g. an HTML page with no body text)
 * - `E_PIPELINE`   the pipeline is mis-configured (a stage requires a layer no earlier stage provides)
 * - `E_STAGE`      a stage failed unexpectedly
 * - `E_USAGE`      bad command-line or API arguments
 * - `E_GOLD`       a gold file is malformed
 * - `E_TIMEOUT`    the analysis of one input ran past its deadline (`AnalyzeOptions.timeoutMs`)
 */
export type ErrorCode =
  | 'E_EMPTY'
  | 'E_BINARY'
  | 'E_ENCODING'
  | 'E_TOO_LARGE'
  | 'E_NOT_FOUND'
  | 'E_NO_TEXT'
  | 'E_PIPELINE'
  | 'E_STAGE'
  | 'E_USAGE'
  | 'E_GOLD'
  | 'E_TIMEOUT';

/** A fatal error with a stable code; its message is one line, fit to print as is. */
export class DatelineError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message.replace(/\s*\n\s*/g, ' '), options);
    this.code = code;
    this.name = 'DatelineError';
  }
}

/** One line describing any thrown value, prefixed with its code when it is a `DatelineError`. */
export function describeError(err: unknown): string {
  if (err instanceof DatelineError) return `${err.code}: ${err.message}`;
  if (err instanceof Error) return `E_STAGE: ${err.message.split('\n')[0]}`;
  return `E_STAGE: ${String(err).split('\n')[0]}`;
}

/**
 * {@link describeError} for the failure of one named input, without the name when the message
 * starts with it (the caller prints `dateline: NAME: …` itself): `E_EMPTY: input is empty`.
 */
export function describeInputError(name: string, err: unknown): string {
  const line = describeError(err);
  return line.replace(`: ${name}: `, ': ');
}
