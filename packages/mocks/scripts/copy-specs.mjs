// The published package serves the specs it was built with: the bundled specs are copied into
// dist/specs/, where `specPath` finds them, so the package needs no other at run time.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const out = new URL("../dist/specs/", import.meta.url);
mkdirSync(out, { recursive: true });
for (const api of ["zcom", "onapp"]) {
  copyFileSync(require.resolve(`@backupkit/specs/${api}.json`), new URL(`${api}.json`, out));
}
