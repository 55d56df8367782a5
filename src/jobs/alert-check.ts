/** `vigil alerts test`: would a topic's alert fire now? Reads the window's matches; sends nothing. */
import type { TopicConfig } from '../config/schema.ts';
import { alertReason } from './alert-rules.ts';
import type { PipelineContext } from './context.ts';

export interface AlertCheck {
  topicId: string;
  /** The topic's thresholds, or null when it has no alert configured. */
  alert: TopicConfig['alert'] | null;
  matchesInWindow: number;
  bestScore: number;
  /** Why it would fire (a threshold crossed), or null. */
  reason: string | null;
  /** Milliseconds of cooldown left; 0 when none. */
  cooldownMs: number;
  wouldFire: boolean;
}

export async function checkAlert(context: PipelineContext, topic: TopicConfig): Promise<AlertCheck> {
  const base = { topicId: topic.id, alert: topic.alert ?? null, matchesInWindow: 0, bestScore: 0, reason: null, cooldownMs: 0, wouldFire: false };
  const { alert } = topic;
  if (!alert) return base;
  const inWindow = await context.alerts.hitsInWindow(topic.id, alert.window, context.now());
  const matches = await context.items.loadMatches(inWindow);
  const scores = [...matches.values()].map((match) => match.matches.find((entry) => entry.topicId === topic.id)?.score ?? 0);
  const bestScore = scores.length > 0 ? Math.max(...scores) : 0;
  const reason = alertReason(alert, bestScore, inWindow.length);
  const cooldownMs = Math.max(0, await context.alerts.cooldownLeft(topic.id));
  return { ...base, matchesInWindow: inWindow.length, bestScore, reason, cooldownMs, wouldFire: reason !== null && cooldownMs === 0 };
}
