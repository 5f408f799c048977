/**
 * One GET with bare `node:http` and `JSON.parse`, nothing else: what the benchmarks' scripts
 * with no client use (B5's reference script, and its floor's one-call timing).
 */
import { get } from "node:http";

/** The parsed JSON body of `url`, or undefined for a 404; `agent` keeps the connection alive. */
export function getJson(url, agent) {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      const chunks = [];
      response.setEncoding("utf8");
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () =>
        resolve(response.statusCode === 404 ? undefined : JSON.parse(chunks.join(""))),
      );
    }).on("error", reject);
  });
}
