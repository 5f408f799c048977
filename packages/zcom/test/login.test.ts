/**
 * The token source's bookkeeping, without a server: which tokens stay secrets as a provider keeps
 * handing out new ones.
 */
import { inspect } from "node:util";
import { SecretRegistry } from "@backupkit/core";
import { describe, expect, it } from "vitest";
import { LOGIN_KIT } from "../src/auth.js";
import { provided } from "../src/login.js";

describe("tokens kept as secrets", () => {
  it("keeps the newest tokens a provider rotates through, and forgets the older ones", async () => {
    const secrets = new SecretRegistry();
    secrets.add("the-password-0123");
    let n = 0;
    const rotating = async () => `token-${String(++n).padStart(4, "0")}`;
    for (let i = 0; i < 50; i++) await provided(LOGIN_KIT, rotating, undefined, secrets);
    // The password and the last eight tokens, each with its base64 form.
    expect(inspect(secrets)).toBe("SecretRegistry(18 [redacted])");
    expect(secrets.scrub("token-0050 token-0043 the-password-0123")).toBe("[redacted] [redacted] [redacted]");
    expect(secrets.scrub("token-0042")).toBe("token-0042");
  });

  it("counts a token the provider hands back again once", async () => {
    const secrets = new SecretRegistry();
    const same = async () => "steady-token-0123";
    for (let i = 0; i < 20; i++) await provided(LOGIN_KIT, same, undefined, secrets);
    expect(inspect(secrets)).toBe("SecretRegistry(2 [redacted])");
  });
});
