// Baseline for the /health throughput benchmark: raw node:http returning the same bytes.
import { createServer } from "node:http";

const body = JSON.stringify({ status: "ok" });
createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.MOSAIC_PORT), "127.0.0.1");
