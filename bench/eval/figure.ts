/**
 * One figure measured by an evaluation module and the floor it is held to: `value >= floor`, or
 * `value <= floor` when `atMost` is set (a time, a size, an error rate).
 */
export type EvalFigure = { label: string; value: number; floor: number; atMost?: boolean };
