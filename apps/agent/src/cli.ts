#!/usr/bin/env node
import { runAgentCommand } from "./commands/run.ts";
import { runSimulateCommand } from "./simulate/command.ts";

const argv = process.argv.slice(2);
const code =
  argv[0] === "simulate"
    ? await runSimulateCommand(argv.slice(1))
    : await runAgentCommand(argv[0] === "run" ? argv.slice(1) : argv);
// Idle keep-alive sockets must not hold a stopped agent open.
process.exit(code);
