import type { Command } from 'commander';
import { register as registerServe } from './serve.js';

/**
 * Subcommands registered by their own modules (each module exports `register(cmd: Command)`),
 * added to the `dateline` program after `analyze` and `eval`. One import and one list entry per
 * module, so that each command lives in its own file.
 */
export const COMMAND_MODULES: ReadonlyArray<(cmd: Command) => void> = [registerServe];
