// Child-process entry for the defect-handler test: installs the handler, leaves one rejection unhandled, and
// reports whether it is still alive afterwards.
import pino from 'pino';
import { installDefectHandler } from '../../../src/runtime/defect-handler.ts';

installDefectHandler(pino({ level: 'error' }, pino.destination(2)));
void Promise.reject(new Error('left unhandled on purpose'));
setTimeout(() => process.stdout.write('still running\n'), 200);
