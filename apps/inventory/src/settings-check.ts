/**
 * An account's settings checked by its own client, once, while the configuration is read: what
 * the client refuses (a tenant id with a slash, a user name with a colon, an endpoint with a
 * query) is then reported against the setting as the user wrote it (the accounts file's line,
 * or the environment variable), not as the client's option name.
 */
import { ConfigurationError, createOnAppClient } from "@backupkit/onapp";
import { createZcomClient } from "@backupkit/zcom";
import type { OnAppAccountSettings, ZcomAccountSettings } from "./accounts-file.js";

/** The client option a refusal names (`tenantId`, `baseUrl`, `auth.username`, ...) and the reason. */
export interface RefusedSetting {
  option: string;
  reason: string;
}

type Settings =
  | ({ provider: "zcom" } & Pick<ZcomAccountSettings, "tenantId" | "auth" | "region" | "baseUrl">)
  | ({ provider: "onapp" } & Pick<OnAppAccountSettings, "baseUrl" | "username" | "password">);

/** What the account's client refuses in these settings, or undefined when it takes them. */
export function refusedSetting(settings: Settings): RefusedSetting | undefined {
  try {
    // Building a client checks its options and sends nothing.
    if (settings.provider === "zcom") {
      const { tenantId, auth, region, baseUrl } = settings;
      createZcomClient({ tenantId, auth, region, baseUrl });
    } else {
      const { baseUrl, username, password } = settings;
      createOnAppClient({ baseUrl, auth: { username, password } });
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    // "createZcomClient: tenantId must be ..." → the option and the rest.
    const named = /^create\w+Client: ((?:auth\.)?[A-Za-z]+) (.*)$/s.exec(error.message);
    return named
      ? { option: named[1] as string, reason: named[2] as string }
      : { option: "", reason: error.message };
  }
}
