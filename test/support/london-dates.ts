/**
 * Dates as the finder counts them: London calendar days. `now + n × 24 hours` is not n London days
 * on when a clock change falls between (at 23:xx GMT before the spring change it is a day further),
 * which made tests near a clock change fail for an hour a night.
 */
import { addDays, londonWallClock } from '../../functions/core/london-time.js';

/** Today in London, and `days` London days on (or back), as `YYYY-MM-DD`. */
export const londonDate = (days = 0): string => addDays(londonWallClock(new Date()).date, days);
