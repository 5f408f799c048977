/** Fails the run if any watchdog or Prism it started is still alive at the end. */
import { strayProcessCheck } from "@backupkit/testkit";
import { RUN_ENV } from "./helpers.js";

export const { setup, teardown } = strayProcessCheck(RUN_ENV, /prism-cli|watchdog\.js/);
