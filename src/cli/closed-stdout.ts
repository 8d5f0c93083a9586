// `rustvsgo help | head -3`: the reader closes the pipe before everything is written, and the next write fails
// with EPIPE. Unhandled, that 'error' event crashed the command line with a Node stack trace on the terminal. A
// reader that has seen enough is not a failure: the command ends quietly, with the exit code it had so far.

/** Ends the process quietly when stdout's reader has gone away (EPIPE); other stream errors still surface. */
export function exitQuietlyWhenStdoutCloses(stdout: NodeJS.WriteStream = process.stdout): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
