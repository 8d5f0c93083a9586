// Where JSON logs go: stderr, written asynchronously. pino's default synchronous destination retries a full pipe
// (EAGAIN: the reader of our stderr stopped reading, e.g. a process manager going away) in Atomics.wait on the
// main thread, forever, which blocked shutdown with the SIGTERM handler already consumed. Asynchronous writes
// retry on a timer instead, so the event loop (signals, shutdown deadline) keeps running; a buffer cap drops
// log lines rather than growing without bound; and the flush at exit gives up on a pipe that will not drain.
import pino from 'pino';

/** Above this many buffered bytes (a reader that stopped reading), new log lines are dropped. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

// One listener for the process, registered when this module loads: before pino's own exit flush (registered when
// a destination is made), so that flush already sees `exiting`.
let exiting = false;
process.once('exit', () => {
  exiting = true;
});

export function stderrDestination(fd = 2): pino.DestinationStream {
  const destination = pino.destination({
    dest: fd,
    sync: false,
    maxLength: MAX_BUFFERED_BYTES,
    // While running: retry later (on a timer, not blocking). At exit: give up instead of spinning.
    retryEAGAIN: () => !exiting,
  });
  const flushSync = destination.flushSync.bind(destination);
  destination.flushSync = () => {
    try {
      flushSync();
    } catch {
      // A pipe that will not take the rest of the logs at exit: exiting matters more than those lines.
    }
  };
  return destination;
}
