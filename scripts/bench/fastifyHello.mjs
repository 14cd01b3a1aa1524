// Baseline for the cold-start benchmark: a bare Fastify hello-world started the same way.
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/ready", async () => ({ status: "ready" }));
await app.listen({ host: "127.0.0.1", port: Number(process.env.MOSAIC_PORT) });
