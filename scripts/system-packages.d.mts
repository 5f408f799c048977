// Types of system-packages.mjs for the TypeScript tests that import it.
export declare const PACKAGES: Record<
  string,
  { apt: string[]; tools: Record<string, { debian: string; env: string }> }
>;
/** The path of a tool (`chromium`, `prometheus`, `promtool`), or undefined. Never installs. */
export declare function findTool(tool: string, env?: NodeJS.ProcessEnv): string | undefined;
/** Installs what is missing when it can; resolves to the package names still missing. */
export declare function ensurePackages(names: string[]): Promise<string[]>;
