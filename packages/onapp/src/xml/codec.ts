/**
 * The Rails XML codec as the client loads it, on its first XML call (JSON users never load it).
 * It imports nothing from core, so a bundler puts it in a chunk of its own instead of splitting
 * the code loaded at start; its SyntaxError and TypeError become core's typed errors in the call.
 */
export { decodeRailsXml } from "./decode.js";
export { encodeRailsXml, escapeXml } from "./encode.js";
