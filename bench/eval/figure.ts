/** One quality figure of `npm run eval`, printed beside the floor it must reach. */
export interface EvalFigure {
  label: string;
  value: number;
  /** The gate: `npm run eval` fails (exit 1) when the figure is on the wrong side of it. */
  floor: number;
  /** Where the figure should get to, when that is beyond the gate it holds today: printed, never failing. */
  target?: number;
  /** The figure is a cost (e.g. boilerplate share): it must stay at or below `floor`. */
  atMost?: boolean;
}

/** One part of `npm run eval`: reads its corpus under evalDir, logs its tables, returns its figures. */
export type EvalSection = (evalDir: string, log: (line: string) => void) => Promise<EvalFigure[]>;

export function passes(figure: EvalFigure): boolean {
  return reaches(figure, figure.floor);
}

const number = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(4));

function reaches(figure: EvalFigure, bound: number): boolean {
  return figure.atMost ? figure.value <= bound : figure.value >= bound;
}

export function formatFigure(figure: EvalFigure): string {
  const side = figure.atMost ? '≤' : '≥';
  const target = figure.target === undefined ? '' : `   target ${side} ${number(figure.target)}${reaches(figure, figure.target) ? ' (reached)' : ' (not yet)'}`;
  return `${passes(figure) ? 'ok  ' : 'FAIL'}  ${figure.label.padEnd(58)} ${number(figure.value).padStart(9)}  floor ${side} ${number(figure.floor)}${target}`;
}
