/**
 * The Rails XML codec (OnApp's XML API): the `@backupkit/onapp/xml` entry, and the module the
 * client imports on its first XML call, so JSON users never load it.
 */
export { decodeRailsXml } from "./xml/decode.js";
export { encodeRailsXml, escapeXml } from "./xml/encode.js";
