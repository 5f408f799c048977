/** Fails the run if any watchdog or Prism it started is still alive at the end. */
import { strayProcessCheck } from "@backupkit/testkit";

export const { setup, teardown } = strayProcessCheck("BACKUPKIT_CONTRACT_TEST_RUN", /prism-cli|watchdog\.js/);
