/** sysexits(3) codes, so that systemd can be told not to restart on the permanent ones. */
export const exitCodes = {
  ok: 0,
  usage: 64,
  unauthorized: 77,
  config: 78,
} as const;

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
