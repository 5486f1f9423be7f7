import type { Command } from 'commander';
import { register as registerTimex } from './timex.js';
import { register as registerCode } from './code.js';
import { register as registerServe } from './serve.js';
import { register as registerNer } from './ner.js';
import { register as registerParse } from './parse.js';
import { register as registerIngest } from './ingest.js';
import { register as registerEnqueue } from './enqueue.js';
import { register as registerWorker } from './worker.js';
import { register as registerStatus } from './status.js';
import { register as registerExport } from './export.js';
import { register as registerExtract } from './extract.js';
import { register as registerEvalCoref } from './eval.js';

/**
 * Subcommands registered by their own modules (each module exports `register(cmd: Command)`),
 * added to the `dateline` program after `analyze` and `eval`. One import and one list entry per
 * module, so that each command lives in its own file.
 */
export const COMMAND_MODULES: ReadonlyArray<(cmd: Command) => void> = [registerServe, registerNer, registerParse, registerIngest, registerEnqueue, registerWorker, registerStatus, registerExport, registerCode, registerTimex, registerExtract, registerEvalCoref];
