import type { AlertConfig } from '../config/schema.ts';
import { formatDuration } from '../config/duration.ts';

/**
 * Why an alert should fire for a topic, or null. One strong item (score ≥ minScore) or a volume
 * spike (≥ minMatches items within the window) is enough; the cooldown is applied by the caller.
 */
export function alertReason(alert: AlertConfig, itemScore: number, matchesInWindow: number): string | null {
  if (alert.minScore !== undefined && itemScore >= alert.minScore) return `an item scored ${itemScore} (threshold ${alert.minScore})`;
  if (alert.minMatches !== undefined && matchesInWindow >= alert.minMatches) {
    return `${matchesInWindow} matches within ${formatDuration(alert.window)} (threshold ${alert.minMatches})`;
  }
  return null;
}
