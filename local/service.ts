/** A stand-in started by the local cloud. `stop` must be safe to call twice. */
export interface RunningService {
  readonly name: string;
  /** Base URL clients use (also printed at start-up). */
  readonly url: string;
  stop(): Promise<void>;
}
