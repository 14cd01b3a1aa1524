/** @module String fields of bodies: bounded, and free of NUL (which PostgreSQL text can't store). */
import { z } from "zod";

const NO_NUL = { message: "must not contain the NUL character" };

/**
 * A string of at most `max` characters without U+0000. PostgreSQL rejects NUL in text, so letting
 * one through would turn a client's mistake into a 500 instead of a 400 naming the field.
 */
export function boundedText(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => !s.includes("\u0000"), NO_NUL);
}

/** A title: trimmed, 1..max characters, no NUL. */
export function requiredTitle(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes("\u0000"), NO_NUL);
}
