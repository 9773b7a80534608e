import type { TunnelStreamErrorKind } from "@edgeplane/contracts";
import { Counter, Gauge, type Registry } from "prom-client";

export interface TunnelMetrics {
  /** A message from an agent: its size and how many frames it held. */
  frameIn(bytes: number, frames: number): void;
  frameOut(bytes: number): void;
  streamError(kind: TunnelStreamErrorKind | "tunnel_closed" | "timeout"): void;
}

/** Gauges are read from the hub at scrape time, so they cannot drift from the truth. */
export function createTunnelMetrics(
  registry: Registry,
  state: { tunnels(): number; streams(): number },
): TunnelMetrics {
  new Gauge({
    name: "edgeplane_tunnels_connected",
    help: "Agent tunnels connected to this replica and taking new streams",
    registers: [registry],
    collect() {
      this.set(state.tunnels());
    },
  });
  new Gauge({
    name: "edgeplane_tunnel_streams_open",
    help: "Tunnel streams in flight on this replica",
    registers: [registry],
    collect() {
      this.set(state.streams());
    },
  });
  const frames = new Counter({
    name: "edgeplane_tunnel_frames_total",
    help: "Tunnel frames by direction (in: from agents)",
    labelNames: ["direction"] as const,
    registers: [registry],
  });
  const bytes = new Counter({
    name: "edgeplane_tunnel_bytes_total",
    help: "Tunnel frame bytes, headers included, by direction (in: from agents)",
    labelNames: ["direction"] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: "edgeplane_tunnel_stream_errors_total",
    help: "Tunnel streams that ended in an error, by kind",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const framesIn = frames.labels({ direction: "in" });
  const framesOut = frames.labels({ direction: "out" });
  const bytesIn = bytes.labels({ direction: "in" });
  const bytesOut = bytes.labels({ direction: "out" });
  return {
    frameIn(n, count) {
      framesIn.inc(count);
      bytesIn.inc(n);
    },
    frameOut(n) {
      framesOut.inc();
      bytesOut.inc(n);
    },
    streamError(kind) {
      errors.inc({ kind });
    },
  };
}
