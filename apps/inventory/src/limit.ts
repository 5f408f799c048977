/**
 * A counting semaphore: at most `size` tasks run at once, the rest wait in arrival order.
 * One is shared by all accounts (`--concurrency`), and each account has its own, so a slow
 * account can hold only its own share of the shared slots.
 */
export interface Limiter {
  /**
   * Runs `task` once a slot is free; the slot is given back however the task ends, or earlier
   * when the task calls `leave` (for the part of its work the limit need not count).
   */
  run<T>(task: (leave: () => void) => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
}

export function createLimiter(size: number): Limiter {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`concurrency must be a whole number of at least 1, got ${size}`);
  }
  let active = 0;
  // A queue read from `head`, not by `shift()`: on a long array (a fleet's machines waiting for
  // their turn) V8 moves every element on each shift, which made a 100 000-machine queue take
  // seconds. Read entries are dropped once they are half the array, so each costs O(1) overall.
  let waiting: (() => void)[] = [];
  let head = 0;
  const release = () => {
    if (head === waiting.length) {
      active -= 1;
      return;
    }
    const next = waiting[head] as () => void;
    head += 1;
    if (head === waiting.length) {
      waiting = [];
      head = 0;
    } else if (head >= 1024 && head * 2 >= waiting.length) {
      waiting = waiting.slice(head);
      head = 0;
    }
    next();
  };
  return {
    get active() {
      return active;
    },
    async run(task) {
      if (active < size) active += 1;
      // The releasing task hands its slot straight to the next in line, so `active` is unchanged.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        release();
      };
      try {
        return await task(leave);
      } finally {
        leave();
      }
    },
  };
}
