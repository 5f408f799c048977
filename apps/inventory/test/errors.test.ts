import { AuthenticationError, ConnectionError, ServerError } from "@backupkit/zcom";
import { describe, expect, it } from "vitest";
import { errorMessage, isSetupError, setupHint, UsageError } from "../src/errors.js";

describe("errorMessage", () => {
  it("flattens a message to one line", () => {
    expect(errorMessage(new Error("first\n  second\tthird "))).toBe("first second third");
    expect(errorMessage("plain")).toBe("plain");
  });
});

describe("setup errors", () => {
  it("tells setup problems from unlucky calls, and names the settings to check", () => {
    const auth = new AuthenticationError("401", { status: 401 });
    expect(isSetupError(auth)).toBe(true);
    expect(isSetupError(new ConnectionError("down"))).toBe(true);
    expect(isSetupError(new UsageError("bad flag"))).toBe(true);
    expect(isSetupError(new ServerError("500", { status: 500 }))).toBe(false);
    expect(setupHint(auth, "onapp")).toBe(" (check ONAPP_USERNAME / ONAPP_PASSWORD)");
    expect(setupHint(new ConnectionError("down"), "zcom")).toBe(" (check ZCOM_BASE_URL / ZCOM_REGION)");
    expect(setupHint(new Error("x"), "zcom")).toBe("");
  });
});
