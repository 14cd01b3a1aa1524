/** @module Unit tests: the local embedder is deterministic, unit-length, 384-wide and ranks related notes first. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cosineSimilarity } from "./embedder.js";
import { createLocalEmbedder, embedLocally, LOCAL_EMBEDDER_DIMENSIONS } from "./localEmbedder.js";
import { contentTokens, normalizeText, stem } from "./textFeatures.js";

const embedder = createLocalEmbedder();
const norm = (v: number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));

const NOTES = {
  migrations: "Running db migrations on deploy: the release job applies pending migrations before traffic moves.",
  coffee: "Buy coffee beans and oat milk on Saturday morning.",
  guitar: "Practise the F barre chord on the guitar for ten minutes a day.",
  holiday: "Book the train to Lisbon for the summer holiday and reserve a hotel near the river.",
  tls: "Rotate the federation CA certificate and publish a new CRL to every peer.",
  recipe: "Slow-cooked tomato sauce: garlic, basil, olive oil, simmer for two hours.",
};

async function rank(query: string): Promise<string[]> {
  const [q, ...notes] = await embedder.embed([query, ...Object.values(NOTES)]);
  const keys = Object.keys(NOTES);
  return notes
    .map((v, i) => ({ key: keys[i] ?? "", score: cosineSimilarity(q ?? [], v) }))
    .sort((a, b) => b.score - a.score)
    .map((r) => r.key);
}

describe("createLocalEmbedder", () => {
  it("names its model and dimension count", () => {
    expect(embedder.modelId).toBe("mosaic-local-hash-v1");
    expect(embedder.dimensions).toBe(384);
  });

  it("returns one 384-dimension unit vector per text, in order, empty text included", async () => {
    const texts = ["hello world", "", "!!! ???", "日本語のテキスト", "🙂"];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) {
      expect(v).toHaveLength(LOCAL_EMBEDDER_DIMENSIONS);
      expect(norm(v)).toBeCloseTo(1, 12);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    expect(vectors[0]).toEqual(embedLocally("hello world"));
    expect(await embedder.embed([])).toEqual([]);
  });

  it("is deterministic: the same text gives the same vector, across calls and instances", async () => {
    const text = "Deploying the database migration — naïve café, 日本語";
    const [a] = await embedder.embed([text]);
    const [b] = await createLocalEmbedder().embed([text]);
    expect(a).toEqual(b);
  });

  it("pins the vector space: a change to the algorithm must bump the model id", () => {
    // If this fails on purpose, bump LOCAL_EMBEDDER_MODEL_ID (stored vectors need re-embedding) and update the digest.
    const sample = ["Running db migrations on deploy", "", "Ünïcödé 🙂 ｆｕｌｌｗｉｄｔｈ"].map(embedLocally);
    const digest = createHash("sha256")
      .update(
        sample
          .flat()
          .map((x) => x.toFixed(9))
          .join(","),
      )
      .digest("hex");
    expect(digest).toMatchInlineSnapshot(`"544d8783111483a2fd7dc13f42d07578627ac4489d569d1a348b013644f697d0"`);
  });

  it("ranks the migrations note first for a query about deploying the database migration", async () => {
    const ranking = await rank("deploying the database migration");
    expect(ranking[0]).toBe("migrations");
  });

  it("ranks each note first for a query sharing its words in other forms", async () => {
    expect((await rank("guitar chords practice"))[0]).toBe("guitar");
    expect((await rank("booking trains for holidays"))[0]).toBe("holiday");
    expect((await rank("rotating certificates"))[0]).toBe("tls");
    expect((await rank("tomatoes and garlic sauce"))[0]).toBe("recipe");
  });

  it("scores a paraphrase far above unrelated text", async () => {
    const [q, near, far] = await embedder.embed([
      "runs the migration when deploying",
      "running db migrations on deploy",
      "buy oat milk on saturday",
    ]);
    const nearScore = cosineSimilarity(q ?? [], near ?? []);
    const farScore = cosineSimilarity(q ?? [], far ?? []);
    expect(nearScore).toBeGreaterThan(0.3);
    expect(Math.abs(farScore)).toBeLessThan(0.15);
  });

  it("ignores case, punctuation, unicode form and stopwords", async () => {
    const [a, b, c] = await embedder.embed(["The café is OPEN!", "cafe\u0301 open", "ｃａｆé — open?"]);
    expect(cosineSimilarity(a ?? [], b ?? [])).toBeCloseTo(1, 12);
    expect(cosineSimilarity(a ?? [], c ?? [])).toBeCloseTo(1, 12);
  });
});

describe("text features", () => {
  it("normalises: NFKC, lower case, apostrophes inside words, punctuation to spaces", () => {
    expect(normalizeText("Don't STOP — ｆｕｌｌ-width, e\u0301!")).toBe("dont stop full width é");
  });

  it("stems so run, runs and running overlap, without mangling short or vowel-less words", () => {
    expect(["run", "runs", "running"].map(stem)).toEqual(["run", "run", "run"]);
    expect(["deploying", "deployed", "deploys"].map(stem)).toEqual(["deploy", "deploy", "deploy"]);
    expect(["stories", "classes", "migrations", "stopped"].map(stem)).toEqual(["story", "class", "migration", "stop"]);
    expect(["string", "status", "analysis", "pass", "falling", "v1s"].map(stem)).toEqual([
      "string",
      "status",
      "analysis",
      "pass",
      "fall",
      "v1s",
    ]);
  });

  it("drops stopwords unless nothing else is left", () => {
    expect(contentTokens("the migration of the database")).toEqual(["migration", "database"]);
    expect(contentTokens("to be or not")).toEqual(["not"]);
    expect(contentTokens("to be or")).toEqual(["to", "be", "or"]);
  });
});
