import { describe, expect, it } from "vitest";
import { DurationError, formatDuration, parseDuration } from "../src/duration.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("parseDuration", () => {
  it.each([
    ["24h", 24 * HOUR],
    ["90m", 90 * MIN],
    ["7d", 7 * DAY],
    ["2w", 14 * DAY],
    ["45s", 45_000],
    ["1d12h", 36 * HOUR],
    ["1h30m", 90 * MIN],
    ["1.5h", 90 * MIN],
    [" 36H ", 36 * HOUR],
  ])("reads %j", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ["", /is empty/],
    ["24", /not valid.*such as 24h/],
    ["h", /not valid/],
    ["-5h", /not valid/],
    ["24 h", /not valid/],
    ["3y", /unknown unit "y"/],
    ["1hour", /unknown unit "hour"/],
    ["12h1d", /largest unit first/],
    ["1h2h", /largest unit first/],
    ["0h", /longer than zero/],
    // More than zero, but 0 once rounded to whole milliseconds.
    ["0.0004s", /longer than zero \(at least 1 ms\), got "0\.0004s"/],
    ["1d;rm", /not valid/],
  ])("rejects %j with a message that says what to write", (text, message) => {
    expect(() => parseDuration(text, "--max-age")).toThrow(DurationError);
    expect(() => parseDuration(text, "--max-age")).toThrow(message);
    expect(() => parseDuration(text, "--max-age")).toThrow(/--max-age/);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [59_999, "59s"],
    [5 * MIN, "5m"],
    [2 * HOUR, "2h"],
    [2 * HOUR + 3 * MIN, "2h 3m"],
    [DAY, "1d"],
    [3 * DAY + 4 * HOUR + 59 * MIN, "3d 4h"],
    [400 * DAY, "1y 35d"],
    [-2 * HOUR, "in 2h"],
  ])("writes %d ms as %j", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
