/**
 * The readiness job under `npm start`: what EventBridge Scheduler does on AWS, a timer that runs it
 * every day at 07:00 London time, and once shortly after the finder starts (a laptop is seldom on
 * at 07:00). The clock can be set, so tests and `npm run jobs:readiness -- --now` can run it as if
 * at another time; the delays between runs are real time.
 */
import { addDays, londonInstant, londonWallClock } from '../functions/core/london-time.js';

/** When the daily run happens, in London: 07:00, as on AWS. */
export const dailyRunMinuteOfDay = 7 * 60;

/** The next daily run strictly after `now`. Pure. */
export function nextDailyRun(now: Date, minuteOfDay: number = dailyRunMinuteOfDay): Date {
  const today = londonWallClock(now).date;
  const todays = londonInstant(today, minuteOfDay);
  return todays.getTime() > now.getTime() ? todays : londonInstant(addDays(today, 1), minuteOfDay);
}

/**
 * A moment as `npm run jobs:readiness -- --now` takes it: an ISO instant with an offset or `Z`, or
 * a London date and time without one (`2027-03-01T09:00`), or a London date alone (07:00 that day,
 * when the daily run happens). Null if it is none of those. Pure.
 */
export function parseLondonMoment(text: string): Date | null {
  const local = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (local) {
    const [, date = '', hours, minutes, secondsText] = local;
    const day = Date.parse(`${date}T00:00:00Z`);
    // Checked both ways: Date.parse takes 30 February as 2 March.
    if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== date) return null;
    const minute = hours === undefined ? dailyRunMinuteOfDay : Number(hours) * 60 + Number(minutes);
    if (minute >= 1440 || Number(minutes ?? 0) >= 60) return null;
    return new Date(londonInstant(date, minute).getTime() + Number(secondsText ?? 0) * 1000);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text.trim())) return null;
  const instant = new Date(text.trim());
  return Number.isNaN(instant.getTime()) ? null : instant;
}

export interface ReadinessTimerOptions {
  /** What time it is for the job. @default the real clock */
  clock?: () => Date;
  /** How long after start the first run comes. @default 10 seconds */
  firstRunAfterMs?: number;
  /** Where a line per run goes. */
  log?: (line: string) => void;
}

export interface ReadinessTimer {
  /** Stops the timer, waiting for a run in progress to end. */
  stop(): Promise<void>;
}

/**
 * Runs `run` once `firstRunAfterMs` after now, then daily at 07:00 London time by `clock`. A run
 * that fails is logged and the timer carries on: the next run picks up what it left (the job is
 * idempotent). The timer never keeps the process alive by itself.
 */
export function startReadinessTimer(run: (now: Date) => Promise<string>, options: ReadinessTimerOptions = {}): ReadinessTimer {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? (() => {});
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(fire, Math.max(0, delayMs));
    timer.unref();
  };
  function fire(): void {
    const now = clock();
    running = run(now)
      .then((summary) => log(`Readiness job (as of ${now.toISOString()}): ${summary}`))
      .catch((error: unknown) => log(`Readiness job failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = undefined;
        const at = clock();
        schedule(nextDailyRun(at).getTime() - at.getTime());
      });
  }
  schedule(options.firstRunAfterMs ?? 10_000);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
