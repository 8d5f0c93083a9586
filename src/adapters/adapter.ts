// What every platform adapter offers the process: start, stop, and whether it is connected (for /readyz).
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  /** Stops taking new work and finishes what is in flight. */
  stop(): Promise<void>;
  /** True while the adapter can take work (connected, listening). */
  isReady(): boolean;
  /** Settles when the adapter ends by itself (the shell at end of input); absent for servers. */
  readonly finished?: Promise<void>;
}
