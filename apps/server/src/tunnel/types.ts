/** The gateway's view of the agent tunnels; `TunnelHub` (registry.ts) implements it. */

export interface TunnelRequest {
  method: string;
  /** Path relative to the agent's upstream base, e.g. "/chat/completions" for
   *  --upstream http://127.0.0.1:8000/v1 → http://127.0.0.1:8000/v1/chat/completions */
  path: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
  signal: AbortSignal; // aborting sends a cancel frame; the agent aborts its upstream fetch
}

export interface TunnelResponse {
  status: number;
  headers: Record<string, string>;
  /** Body chunks as they arrive; back-pressure: the agent stops reading upstream while
   *  the gateway does not pull (credit-based window per stream). */
  body: ReadableStream<Uint8Array>;
}

export type TunnelErrorKind =
  | "not_connected"
  | "connect_failed"
  | "upstream_unreachable"
  | "stream_reset"
  | "timeout";

/**
 * not_connected: no tunnel from that node to this replica. connect_failed: the tunnel could not
 * take the stream (concurrent-stream limit, tunnel closing, request refused by the agent).
 * upstream_unreachable: the agent could not get a response head from its upstream.
 * stream_reset: the stream broke (tunnel lost, upstream cut off mid-body). timeout: no
 * response head in time. Aborting the request's signal rejects with the signal's reason instead.
 */
export class TunnelError extends Error {
  kind: TunnelErrorKind;
  /** true when no byte of the response reached the caller: safe to retry elsewhere */
  beforeResponse: boolean;

  constructor(kind: TunnelErrorKind, message: string, beforeResponse: boolean) {
    super(message);
    this.name = "TunnelError";
    this.kind = kind;
    this.beforeResponse = beforeResponse;
  }
}

export interface TunnelRegistry {
  isConnected(nodeId: string): boolean;
  connectedNodeIds(): string[];
  /** Streams in flight to this node (for least-outstanding routing). */
  outstanding(nodeId: string): number;
  request(nodeId: string, req: TunnelRequest): Promise<TunnelResponse>;
  /** Subscribe to connect/disconnect (the gateway refreshes availability). */
  onChange(listener: (nodeId: string, connected: boolean) => void): () => void;
  close(): Promise<void>;
}
