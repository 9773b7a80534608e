import {
  type EncodedFrame,
  encodedSize,
  encodeMessage,
  maxTunnelMessage,
  prepareFrame,
  type TunnelFrame,
} from "./tunnel.ts";

/**
 * Queues the frames one side sends during a turn of its event loop and writes them as one
 * WebSocket message when the turn ends (setImmediate): one socket write where a request's head,
 * body and end took three. A batch that would outgrow maxTunnelMessage is written first.
 */
export class FrameBatcher {
  readonly #write: (message: Uint8Array<ArrayBuffer>) => void;
  #queue: EncodedFrame[] = [];
  #size = 0;
  #scheduled: ReturnType<typeof setImmediate> | null = null;
  readonly #onTurnEnd = () => {
    this.#scheduled = null;
    this.flush();
  };

  constructor(write: (message: Uint8Array<ArrayBuffer>) => void) {
    this.#write = write;
  }

  /** Frames waiting for the end of this turn. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Queues a frame; returns its size on the wire. */
  push(frame: TunnelFrame): number {
    const encoded = prepareFrame(frame);
    const size = encodedSize(encoded);
    if (this.#size + size > maxTunnelMessage) this.flush();
    this.#queue.push(encoded);
    this.#size += size;
    this.#scheduled ??= setImmediate(this.#onTurnEnd);
    return size;
  }

  /** Writes what is queued now (before a close, so a goaway is not lost). */
  flush(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = null;
    if (this.#queue.length === 0) return;
    const frames = this.#queue;
    this.#queue = [];
    this.#size = 0;
    this.#write(encodeMessage(frames));
  }

  /** Drops what is queued: the socket is gone. */
  clear(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = null;
    this.#queue = [];
    this.#size = 0;
  }
}
