/** A problem with what the user wrote: an input or a project file. Reported as one line, no stack. */
export class InputError extends Error {
  constructor(
    /** The input or file the problem is in, e.g. `vars` or `wrangler.toml`. */
    readonly subject: string,
    message: string,
  ) {
    super(`${subject}: ${message}`);
    this.name = "InputError";
  }
}

/** A stage ran and failed (a lint error, a failing test, a rejected upload). */
export class StageFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StageFailure";
  }
}

/** A version upload (preview, gradual) for a Worker that was never deployed: wrangler's "does not yet exist". */
export class WorkerNotDeployed extends StageFailure {
  constructor(message: string) {
    super(message);
    this.name = "WorkerNotDeployed";
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
