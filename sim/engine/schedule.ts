/**
 * The monthly schedule: an ordered list of named steps. A step runs every
 * month, or once a year in a named month of the year (1..12). Steps may be
 * inserted before or after a named step, so modules can add their own.
 */

export interface Step<C> {
  name: string;
  /** 0 = every month; 1..12 = once a year in that calendar month. */
  monthOfYear: number;
  run: (ctx: C, month: number) => void;
}

export class Schedule<C> {
  readonly steps: Step<C>[] = [];

  add(step: Step<C>): this {
    if (this.steps.some((s) => s.name === step.name)) throw new Error(`schedule: step "${step.name}" twice`);
    this.steps.push(step);
    return this;
  }

  insertAfter(after: string, step: Step<C>): this {
    const i = this.indexOf(after);
    this.steps.splice(i + 1, 0, step);
    return this;
  }

  insertBefore(before: string, step: Step<C>): this {
    const i = this.indexOf(before);
    this.steps.splice(i, 0, step);
    return this;
  }

  indexOf(name: string): number {
    const i = this.steps.findIndex((s) => s.name === name);
    if (i < 0) throw new Error(`schedule: no step "${name}"`);
    return i;
  }

  names(): string[] {
    return this.steps.map((s) => s.name);
  }

  /**
   * Runs one month. `calendarMonth` is 1..12; `onStep` is called after each step
   * (checked mode uses it to test invariants and name the step that broke one).
   */
  runMonth(ctx: C, month: number, calendarMonth: number, onStep?: (step: string) => void): void {
    for (const s of this.steps) {
      if (s.monthOfYear !== 0 && s.monthOfYear !== calendarMonth) continue;
      s.run(ctx, month);
      if (onStep) onStep(s.name);
    }
  }
}
