import { TunnelError, type TunnelErrorKind } from "../../tunnel/types.ts";

export type {
  TunnelErrorKind,
  TunnelRegistry,
  TunnelRequest,
  TunnelResponse,
} from "../../tunnel/types.ts";

export interface TunnelFailure {
  kind: TunnelErrorKind;
  /** True when nothing of the response had arrived: safe to retry elsewhere. */
  beforeResponse: boolean;
  message: string;
}

/** The registry's TunnelError as the gateway needs it; null for anything else. */
export function asTunnelFailure(err: unknown): TunnelFailure | null {
  if (!(err instanceof TunnelError)) return null;
  return { kind: err.kind, beforeResponse: err.beforeResponse, message: err.message };
}
