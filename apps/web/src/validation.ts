/** @module Client-side form checks with the same contract schemas the gateway validates with. */

/** The parts of a zod issue the messages need (kept structural: the web app does not depend on zod). */
export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  keys?: string[];
}

export interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}

/** A sentence a person can act on, instead of zod's "Too small: expected string to have >=8 characters". */
export function readableIssue(issue: Issue): string {
  const chars = (n: number | bigint | undefined) => `${n} character${n === 1 ? "" : "s"}`;
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") return issue.minimum === 1 ? "Required." : `At least ${chars(issue.minimum)}.`;
      return `Must be at least ${issue.minimum}.`;
    case "too_big":
      if (issue.origin === "string") return `At most ${chars(issue.maximum)}.`;
      return `Must be at most ${issue.maximum}.`;
    case "invalid_format":
      if (issue.format === "email") return "Enter an email address like name@example.com.";
      // A pattern's own message says what is allowed ("lowercase letters, digits…"); "a valid regex" would not.
      if (issue.format === "regex") return `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
      return `Not a valid ${issue.format}.`;
    case "invalid_type":
      // zod leaves `input` out of issues unless asked; its message still says what arrived.
      return /received undefined/.test(issue.message) ? "Required." : "Not a valid value.";
    case "unrecognized_keys":
      return `Not accepted: ${(issue.keys ?? []).join(", ")}.`;
    default:
      return issue.message;
  }
}

export type FieldErrors = Record<string, string>;

/**
 * Parses form values with a contract schema: the parsed body, or field → message (first problem
 * per field; `""` for the form as a whole).
 */
export function validate<T>(
  schema: SafeParser<T>,
  values: unknown,
): { ok: true; value: T } | { ok: false; fields: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, value: result.data };
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".");
    fields[key] ??= readableIssue(issue);
  }
  return { ok: false, fields };
}
