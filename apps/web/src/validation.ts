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
      // A pattern's own message says what it wants ("an id has no spaces or commas").
      if (issue.format === "regex" && !issue.message.startsWith("Invalid")) return sentence(issue.message);
      if (issue.format === "date") return "Enter a date as YYYY-MM-DD.";
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

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${text.endsWith(".") ? "" : "."}`;

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
