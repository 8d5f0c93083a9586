// The last line of defence for background work: a promise rejection nobody handled is a defect in our code, not
// a reason to stop serving. Node's default (since v15) ends the process on one, so a single bad request could take
// a replica down (issue 14). Every known fire-and-forget path catches its own failures; this logs anything left,
// loudly, with a `defect` field to alert on, and keeps running. Uncaught exceptions are not handled here: after a
// synchronous throw the process state is unknown, and exiting (the default) is the safe answer.
import type { Logger } from 'pino';

let installed: ((reason: unknown) => void) | undefined;

export function installDefectHandler(logger: Logger): void {
  if (installed) process.off('unhandledRejection', installed);
  installed = (reason: unknown) => {
    logger.error({ err: reason, defect: 'unhandled_rejection' }, 'defect: a promise rejection was not handled; still running');
  };
  process.on('unhandledRejection', installed);
}
