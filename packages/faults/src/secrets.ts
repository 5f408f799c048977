/**
 * The credentials the suites configure, every form in which they could escape, and the search
 * of an error (message, stack, inspect, JSON) for any of them.
 */
import { inspect } from "node:util";

export const ZCOM_TOKEN = "zcomTok-5d1f9a7c3e";
export const ZCOM_USERNAME = "gncu12345678";
export const ZCOM_PASSWORD = "zcomPw-Q8r2!x7";
/** What the fault server's identity endpoint issues to the password client. */
export const ISSUED_TOKEN = "issuedTok-84b2c6e0f1";
export const ONAPP_USERNAME = "ops@example.com";
export const ONAPP_PASSWORD = "onappKey-0c4e8a2b6d";

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
/** The value after `Basic ` in the OnApp client's Authorization header. */
export const ONAPP_BASIC = base64(`${ONAPP_USERNAME}:${ONAPP_PASSWORD}`);
export const ONAPP_AUTHORIZATION = `Basic ${ONAPP_BASIC}`;

/** A secret, its base64 form, and that form without padding. */
const forms = (value: string) => [value, base64(value), base64(value).replace(/=+$/, "")];

/**
 * The secrets each client is configured with (or is issued), in every form: a client can only
 * scrub what it knows, so each one's reports are searched for its own.
 */
const onapp = [...forms(ONAPP_PASSWORD), ...forms(ONAPP_BASIC), ...forms(ONAPP_AUTHORIZATION)];
export const SECRETS_OF = {
  "zcom-token": forms(ZCOM_TOKEN),
  "zcom-password": [...forms(ZCOM_PASSWORD), ...forms(ISSUED_TOKEN)],
  "onapp-json": onapp,
  "onapp-xml": onapp,
} as const;

/** Every string that must never appear in anything a client reports. */
export const NEEDLES: readonly string[] = [...new Set(Object.values(SECRETS_OF).flat())];

/** Text a hostile server plants: each secret as is, inside credential-looking text, and in URLs. */
export function plantedText(): string {
  return [
    ...NEEDLES,
    `password=${ZCOM_PASSWORD}`,
    `X-Auth-Token: ${ZCOM_TOKEN}`,
    `Authorization: ${ONAPP_AUTHORIZATION}`,
    `http://${ONAPP_USERNAME}:${ONAPP_PASSWORD}@example.com/`,
    `${ZCOM_TOKEN}${ISSUED_TOKEN}`,
  ].join(" ");
}

/** Where any needle shows up in an error's message, stack, `inspect()` or JSON form. */
export function findLeaks(error: unknown, needles: readonly string[] = NEEDLES): string[] {
  const views: [string, () => string][] = [
    // What a user would see: util.inspect's own limits on string and array length apply.
    ["inspect", () => inspect(error, { depth: 20 })],
  ];
  if (error instanceof Error) {
    views.push(["message", () => error.message], ["stack", () => error.stack ?? ""]);
  }
  views.push(["JSON", () => JSON.stringify(error) ?? ""]);
  return findIn(views, needles);
}

/** Where any needle shows up in free text (a log line, a hook's argument). */
export function findLeaksInText(label: string, text: string, needles: readonly string[] = NEEDLES): string[] {
  return findIn([[label, () => text]], needles);
}

function findIn(views: [string, () => string][], needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const [label, view] of views) {
    let text: string;
    try {
      text = view();
    } catch (failure) {
      found.push(`${label} threw ${String(failure)}`);
      continue;
    }
    for (const needle of needles) if (text.includes(needle)) found.push(`${label} holds ${needle}`);
  }
  return found;
}
