import type { Command } from '../command.ts';
import { coverageCommand } from './coverage.ts';
import { diffCommand } from './diff.ts';
import { exportCommand } from './export.ts';
import { generateCommand } from './generate.ts';
import { initCommand } from './init.ts';
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
    initCommand,
    runCommand,
    replayCommand,
    mergeReportsCommand,
    // drift between the documents and an endpoint
    probeCommand,
    // the contract
    listCommand,
    validateCommand,
    diffCommand,
    exportCommand,
    // generation
    generateCommand,
    coverageCommand,
    // the emulator
    serveCommand,
  ].map((command) => [command.name, command]),
);
