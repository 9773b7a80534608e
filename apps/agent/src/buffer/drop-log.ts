import type { Logger } from "../log.ts";
import type { DropNotice } from "./types.ts";

/** The one line an operator needs when the bound bites: how many, which seqs, and the bound. */
export function logDrops(log: Logger): (notice: DropNotice) => void {
  return (n) =>
    log.warn("buffer full: dropped the oldest samples", {
      dropped: n.count,
      fromSeq: n.fromSeq,
      toSeq: n.toSeq,
      bufferSamples: n.maxSamples,
    });
}
