/** One background job: what it is called, when it runs, and what it does. */
export interface Job {
  name: string;
  /** node-schedule rule, e.g. every 15 seconds: '*\/15 * * * * *'. */
  schedule: string;
  /** How long the lease lasts without renewal (it is renewed while the run lasts); a crashed holder's lease expires after this. */
  leaseMs: number;
  run(): Promise<void>;
}
