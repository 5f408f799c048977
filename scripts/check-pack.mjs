// The rule for what a package's tarball may hold: only the built JavaScript, its type
// declarations, package.json, the README, the changelog and the licence, and for the mocks the
// bundled specs they serve (dist/specs/). scripts/release-check.mjs
// applies it to the tarball `pnpm pack` made.

const allowed = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^dist\/.+\.(js|d\.ts)$/,
  /^dist\/specs\/[a-z]+\.json$/,
];
const required = ["package.json", "README.md", "dist/index.js", "dist/index.d.ts"];

/**
 * What is wrong with a tarball holding `files` (paths relative to the package), one line each.
 * A package that has a changelog (Changesets writes one at its first release) must ship it.
 * @param {string[]} files
 * @param {{ changelog?: boolean }} [has]
 */
export function packProblems(files, has = {}) {
  const extra = files.filter((path) => !allowed.some((pattern) => pattern.test(path)));
  const missing = [...required, ...(has.changelog ? ["CHANGELOG.md"] : [])].filter(
    (path) => !files.includes(path),
  );
  return [
    ...(extra.length > 0 ? [`would ship files users do not need: ${extra.join(", ")}`] : []),
    ...(missing.length > 0 ? [`would ship without ${missing.join(", ")}`] : []),
  ];
}
