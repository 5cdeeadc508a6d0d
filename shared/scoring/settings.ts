import type { Settings } from "../ledger/schema";

/**
 * Default scoring settings (the 设置 sheet of a new ledger). Statuses: done 100, on pace 90,
 * lagging 60, not started 0 (未填报 always 0). A task a unit leads counts twice as much as one it
 * shares. Cumulative targets are expected to be a quarter done per quarter; a target up to 10 % short
 * of the expected value is still 序时.
 */
export const defaultSettings: Settings = {
  quarter: 1,
  statusScores: { 已完成: 100, 序时推进: 90, 滞后: 60, 未启动: 0 },
  leadWeight: 1,
  responsibleWeight: 0.5,
  pace: [0.25, 0.5, 0.75, 1],
  tolerance: 0.1,
};

export function withDefaults(partial?: Partial<Settings>): Settings {
  return { ...defaultSettings, ...(partial ?? {}), statusScores: { ...defaultSettings.statusScores, ...(partial?.statusScores ?? {}) } };
}
