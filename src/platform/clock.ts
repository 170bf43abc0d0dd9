/** Time is injected so tests and demos can run "as of" any moment. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests and "as of" demos. */
export class FixedClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/** A clock that starts at `start` and runs on in real time: `AS_OF` demos of a past or future day. */
export class OffsetClock implements Clock {
  private readonly offsetMs: number;
  constructor(
    start: Date,
    private readonly base: Clock = systemClock,
  ) {
    this.offsetMs = start.getTime() - base.now().getTime();
  }
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
}
