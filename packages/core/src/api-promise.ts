/**
 * What every client method returns: a promise of the data that can also give the response it
 * came with, as `await client.listBackups().withResponse()`. The call starts at once either
 * way; a rejection reaches whichever of the two the caller awaits.
 */
import { mapData, type WithResponse } from "./runtime.js";

const ignore = () => {};

export class APIPromise<T> implements Promise<T> {
  readonly #sent: Promise<WithResponse<unknown>>;
  /** Makes the method's result of the spec's body (the body itself unless `from` says otherwise). */
  #read = (data: unknown, _response: WithResponse<unknown>) => data as T;
  #response: Promise<WithResponse<T>> | undefined;
  #data: Promise<T> | undefined;

  constructor(response: Promise<WithResponse<T>>) {
    this.#sent = response;
  }

  /**
   * A method's promise: `send` runs the call (an argument check that throws rejects the promise,
   * as an async method's would), `read` turns the spec's body into what the method returns; it
   * also gets the answer, for a result that needs its headers (a page's paging headers).
   */
  static from<A, B>(
    send: () => Promise<WithResponse<A>>,
    read: (data: A, response: WithResponse<A>) => B,
  ): APIPromise<B> {
    let sent: Promise<WithResponse<A>>;
    try {
      sent = send();
    } catch (error) {
      sent = Promise.reject(error);
    }
    const promise = new APIPromise<B>(sent as Promise<WithResponse<never>>);
    promise.#read = read as (data: unknown, response: WithResponse<unknown>) => B;
    return promise;
  }

  /** The data with the status, headers and request id of the answer. */
  withResponse(): Promise<WithResponse<T>> {
    if (!this.#response) {
      const awaited = this.#data;
      // Built on the data promise, so `await` and `withResponse()` share one `read` and one value.
      this.#response = Promise.all([this.#sent, this.#dataPromise()]).then(([response, data]) =>
        mapData(response, () => data),
      );
      if (awaited) this.#response.catch(ignore);
    }
    return this.#response;
  }

  // Each promise is made on first use only: awaiting the data alone makes no answer object. The
  // two are siblings, so whichever the caller does not await is marked handled once the other is
  // awaited (above and in `then`): a failure is reported once, where the caller looks.
  #dataPromise(): Promise<T> {
    this.#data ??= this.#sent.then((response) => this.#read(response.data, response));
    return this.#data;
  }

  // biome-ignore lint/suspicious/noThenProperty: this is a promise; `then` is its contract.
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    // biome-ignore lint/suspicious/noExplicitAny: the same signature as Promise#then, so callers see no difference.
    onRejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#response?.catch(ignore);
    return this.#dataPromise().then(onFulfilled, onRejected);
  }

  // biome-ignore lint/suspicious/noExplicitAny: the same signature as Promise#catch.
  catch<B = never>(onRejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally);
  }

  readonly [Symbol.toStringTag] = "APIPromise";
}
