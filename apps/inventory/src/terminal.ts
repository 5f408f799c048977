/**
 * What reaches the terminal. Text that came from a server (host names, notes, error messages)
 * could carry escape sequences that move the cursor, retitle the window or hide what follows,
 * so everything printed passes through here; and a write that fails (`> /dev/full`, a closed
 * pipe) ends the run with one line and exit 2 instead of a silent success.
 */

/** Exit code when the output could not be written. */
export const OUTPUT_FAILED = 2;

// C0 controls but tab and newline (a CR only when it ends a CSV row), DEL, C1 controls (some
// terminals act on them in UTF-8 too), and the bidirectional overrides that reorder a line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// In JSON, C0 controls are already escaped; these are the ones JSON.stringify leaves raw.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Replaces what a terminal would act on with U+FFFD; tabs, newlines and CSV's CRLF row ends
 * stay. Replaced, not removed: removing could join the two halves of a secret that a server
 * split with a control character, which the clients' scrubbing would not have recognised.
 */
export function stripControl(text: string): string {
  return text.replace(UNSAFE, "\uFFFD");
}

/**
 * Output as a terminal may show it. JSON keeps every value: the characters a terminal acts on
 * become `\u` escapes (they can only be inside strings there), so parsers read the same data.
 */
export function forTerminal(text: string, format: "table" | "csv" | "json"): string {
  if (format !== "json") return stripControl(text);
  return text.replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A stream the CLI writes its results to. */
export interface OutputStream {
  write(text: string, callback?: (error?: Error | null) => void): boolean;
  on(event: "error", listener: (error: Error) => void): unknown;
}

/** Standard output that remembers the first failed write, so the run can end honestly. */
export interface GuardedOutput {
  write(text: string): boolean;
  /** Waits until everything written has been handed to the system; the first failure, if any. */
  finish(): Promise<NodeJS.ErrnoException | undefined>;
}

export function guardOutput(stream: OutputStream): GuardedOutput {
  let failure: NodeJS.ErrnoException | undefined;
  const remember = (error?: Error | null) => {
    failure ??= error ?? undefined;
  };
  // Without a listener a failed write to a pipe would throw from an 'error' event.
  stream.on("error", remember);
  return {
    write(text) {
      if (failure) return false; // nothing more can arrive; the first failure is what is reported
      return stream.write(text, remember);
    },
    finish() {
      return new Promise((resolve) => {
        if (failure) resolve(failure);
        else
          stream.write("", (error) => {
            remember(error);
            resolve(failure);
          });
      });
    },
  };
}

/** One line naming why the output could not be written. */
export function outputFailure(error: NodeJS.ErrnoException): string {
  const why =
    error.code === "EPIPE"
      ? "the reading end of the pipe was closed"
      : error.code === "ENOSPC"
        ? "no space left on the device"
        : stripControl(error.message).replace(/\s+/g, " ").trim();
  return `cannot write the output: ${why}${error.code && !why.includes(error.code) ? ` (${error.code})` : ""}`;
}
