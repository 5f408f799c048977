/**
 * What every client method returns: a promise of the data that can also give the response it
 * came with, as `await client.listBackups().withResponse()`. The call starts at once either
 * way; a rejection reaches whichever of the two the caller awaits.
 */
import { mapData, type WithResponse } from "./runtime.js";

export class APIPromise<T> implements Promise<T> {
  readonly #response: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  constructor(response: Promise<WithResponse<T>>) {
    this.#response = response;
  }

  /**
   * A method's promise: `send` runs the call (an argument check that throws rejects the promise,
   * as an async method's would), `read` turns the spec's body into what the method returns.
   */
  static from<A, B>(send: () => Promise<WithResponse<A>>, read: (data: A) => B): APIPromise<B> {
    let sent: Promise<WithResponse<A>>;
    try {
      sent = send();
    } catch (error) {
      sent = Promise.reject(error);
    }
    return new APIPromise(sent.then((response) => mapData(response, read)));
  }

  /** The data with the status, headers and request id of the answer. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#response;
  }

  // The data promise is made on first use only, so a caller who awaits `withResponse()` alone
  // never leaves a second, unobserved promise to reject.
  #dataPromise(): Promise<T> {
    this.#data ??= this.#response.then((result) => result.data);
    return this.#data;
  }

  // biome-ignore lint/suspicious/noThenProperty: this is a promise; `then` is its contract.
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    // biome-ignore lint/suspicious/noExplicitAny: the same signature as Promise#then, so callers see no difference.
    onRejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#dataPromise().then(onFulfilled, onRejected);
  }

  // biome-ignore lint/suspicious/noExplicitAny: the same signature as Promise#catch.
  catch<B = never>(onRejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#dataPromise().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#dataPromise().finally(onFinally);
  }

  readonly [Symbol.toStringTag] = "APIPromise";
}
