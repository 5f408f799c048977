/**
 * This package's version, sent in the default User-Agent (a test keeps it equal to package.json).
 * Typed `string` so that the API report (etc/) does not change with every release.
 */
export const VERSION: string = "0.1.0";
