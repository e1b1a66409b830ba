import type { Command } from '../command.ts';
import { coverageCommand } from './coverage.ts';
import { diffCommand } from './diff.ts';
import { generateCommand } from './generate.ts';
import { listCommand } from './list.ts';
import { mergeReportsCommand } from './merge-reports.ts';
import { probeCommand } from './probe.ts';
import { replayCommand } from './replay.ts';
import { runCommand } from './run.ts';
import { serveCommand } from './serve.ts';
import { validateCommand } from './validate.ts';

/** The subcommands by name, in help order. */
export const commands: ReadonlyMap<string, Command> = new Map(
  [
    // the conformance run
    runCommand,
    replayCommand,
    mergeReportsCommand,
    // drift between the documents and an endpoint
    probeCommand,
    // the contract
    listCommand,
    validateCommand,
    diffCommand,
    // generation
    generateCommand,
    coverageCommand,
    // the emulator
    serveCommand,
  ].map((command) => [command.name, command]),
);
