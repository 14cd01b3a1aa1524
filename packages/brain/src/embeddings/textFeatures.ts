/** @module Text → weighted sparse features for the local embedder: normalisation, stopwords, stemming, n-grams. */

/**
 * A small English stopword list: words so common they say nothing about what a note is about.
 * Kept short on purpose — negations ("not", "no") stay, since "not deployed" differs from "deployed".
 */
const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be been being but by can could did do does doing for from had has have " +
    "having he her here hers him his how i if in into is it its itself me my of on or our ours " +
    "she should so than that the their theirs them then there these they this those to too very " +
    "was we were what when where which while who whom why will with would you your yours"
  ).split(" "),
);

/** Feature families and their weights: a shared word says more than a shared 3-letter fragment. */
export const FEATURE_WEIGHTS = { word: 1, bigram: 0.7, chars: 0.25 } as const;
const CHAR_NGRAM_SIZES = [3, 4, 5] as const;
/** Long tokens (hashes, URLs, base64) would flood the vector with fragments; only their start counts. */
const MAX_CHARS_PER_TOKEN = 32;

/**
 * Lowercases, applies NFKC (so full-width letters, ligatures and composed/decomposed accents
 * match), drops apostrophes inside words ("don't" → "dont") and turns every other character
 * that is not a letter, mark or digit into a space.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/(?<=[\p{L}\p{N}])['’](?=[\p{L}\p{N}])/gu, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
    .trim();
}

/** Normalised words, stemmed, without stopwords — or, if nothing else is left, with them. */
export function contentTokens(text: string): string[] {
  const words = normalizeText(text).split(" ").filter(Boolean);
  const content = words.filter((w) => !STOPWORDS.has(w));
  return (content.length > 0 ? content : words).map(stem);
}

/**
 * A deliberately tiny suffix stemmer (plural -s/-es/-ies, -ing, -ed), enough for "runs",
 * "running" and "run" to meet. A stem must keep a vowel, so "string" and "red" stay whole.
 * Changing it changes the vector space: bump the local embedder's model id.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ing") && hasVowel(word.slice(0, -3))) return undouble(word.slice(0, -3));
  if (word.endsWith("ed") && word.length > 4 && hasVowel(word.slice(0, -2))) return undouble(word.slice(0, -2));
  if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function hasVowel(text: string): boolean {
  return /[aeiouy]/.test(text);
}

/** "runn" → "run", "stopp" → "stop"; double l/s/z are real ("fall", "pass", "buzz"). */
function undouble(text: string): string {
  const last = text.at(-1);
  return last !== undefined && text.at(-2) === last && /[bcdfgkmnprt]/.test(last) ? text.slice(0, -1) : text;
}

/**
 * The weighted features of a text: each key is prefixed with its family so a word and an
 * identical character n-gram hash independently. Values are sublinear term frequencies
 * (1 + ln tf) times the family weight, so a word repeated ten times counts about 3.3×, not 10×.
 */
export function textFeatures(text: string): Map<string, number> {
  const tokens = contentTokens(text);
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  tokens.forEach((token, i) => {
    add(`w:${token}`);
    const next = tokens[i + 1];
    if (next !== undefined) add(`b:${token} ${next}`);
    const padded = `<${token.slice(0, MAX_CHARS_PER_TOKEN)}>`;
    const chars = Array.from(padded); // code points, so an emoji or astral letter is one character
    for (const n of CHAR_NGRAM_SIZES) {
      for (let start = 0; start + n <= chars.length; start++) add(`c:${chars.slice(start, start + n).join("")}`);
    }
  });
  const features = new Map<string, number>();
  for (const [key, count] of counts) {
    const family = key.startsWith("w:") ? "word" : key.startsWith("b:") ? "bigram" : "chars";
    features.set(key, (1 + Math.log(count)) * FEATURE_WEIGHTS[family]);
  }
  return features;
}
