/**
 * Flow control of one direction of a tunnel stream, the same on both ends: the sender spends
 * credits (SendWindow), the receiver queues at most the credits it granted (InboundBody) and
 * grants more only as its reader takes bytes, so a reader that stops stops the sender.
 */

/** The sender's side: bytes it may still send before the receiver grants more. */
export class SendWindow {
  #credit: number;
  #closed = false;
  #waiters: (() => void)[] = [];

  constructor(initial: number) {
    this.#credit = initial;
  }

  get available(): number {
    return this.#credit;
  }

  /** A WINDOW_UPDATE; false when it would overflow 2^31−1 (a protocol error). */
  grant(increment: number): boolean {
    if (this.#credit + increment > 2 ** 31 - 1) return false;
    this.#credit += increment;
    this.#wake();
    return true;
  }

  /** Spends up to `max` credits and returns how many. */
  take(max: number): number {
    const n = Math.min(max, this.#credit);
    this.#credit -= n;
    return n;
  }

  /** Resolves once credit is available or the window is closed. */
  wait(): Promise<void> {
    if (this.#credit > 0 || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  close(): void {
    this.#closed = true;
    this.#wake();
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }
}

export interface InboundBodyOptions {
  /** The credits granted up front (the announced initial window). */
  window: number;
  /** Called with an increment to send as WINDOW_UPDATE. */
  onCredit: (increment: number) => void;
  /** The reader cancelled the stream. */
  onCancel: (reason: unknown) => void;
}

/** The receiver's side: frames in, a pull-driven ReadableStream out. */
export class InboundBody {
  readonly stream: ReadableStream<Uint8Array>;
  readonly #o: InboundBodyOptions;
  #controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  #queue: Uint8Array[] = [];
  #queued = 0;
  /** Credits the sender still holds. */
  #peerCredit: number;
  /** Bytes handed to the reader since the last WINDOW_UPDATE. */
  #consumed = 0;
  #wanted = false;
  #ended = false;
  #done = false;

  constructor(options: InboundBodyOptions) {
    this.#o = options;
    this.#peerCredit = options.window;
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => {
          this.#wanted = true;
          this.#flush();
        },
        cancel: (reason) => {
          this.#done = true;
          this.#drop();
          this.#o.onCancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
  }

  /** Bytes received and not yet taken by the reader. */
  get buffered(): number {
    return this.#queued;
  }

  /** A DATA frame's bytes; false when the sender overran its credits. */
  push(chunk: Uint8Array): boolean {
    if (this.#ended) return false;
    if (this.#done) return true;
    if (chunk.byteLength > this.#peerCredit) return false;
    this.#peerCredit -= chunk.byteLength;
    if (chunk.byteLength > 0) {
      this.#queue.push(chunk);
      this.#queued += chunk.byteLength;
    }
    this.#flush();
    return true;
  }

  /** END_STREAM: the reader gets what is queued, then the end. */
  end(): void {
    this.#ended = true;
    this.#flush();
  }

  fail(error: unknown): void {
    if (this.#done) return;
    this.#done = true;
    this.#drop();
    this.#controller?.error(error);
  }

  #drop(): void {
    this.#queue = [];
    this.#queued = 0;
  }

  #flush(): void {
    const controller = this.#controller;
    if (this.#done || !controller) return;
    while (this.#wanted && this.#queue.length > 0) {
      const chunk = this.#queue.shift();
      if (!chunk) break;
      this.#queued -= chunk.byteLength;
      this.#wanted = false;
      controller.enqueue(chunk);
      this.#consumed += chunk.byteLength;
    }
    // enqueue() may have re-entered through pull() and finished the stream already.
    if (this.#done) return;
    if (this.#queue.length === 0 && this.#ended) {
      this.#done = true;
      controller.close();
      return;
    }
    // Half the window, as HTTP/2 implementations do: fewer updates, no stall.
    if (this.#consumed >= Math.max(1, Math.floor(this.#o.window / 2))) {
      const increment = this.#consumed;
      this.#consumed = 0;
      this.#peerCredit += increment;
      this.#o.onCredit(increment);
    }
  }
}
