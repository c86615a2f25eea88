/**
 * Scenario colours and dash patterns. Colours step through clearly different
 * lightness (ink navy ≈ L*20, purple ≈ 35, green ≈ 57, orange ≈ 72) and every
 * scenario after the first has its own dash pattern, so series stay apart when
 * printed in greyscale. A scenario's own `color` overrides its palette colour.
 */
import * as d3 from 'd3';
import type { ScenarioInfo } from '../types.ts';

/** How one scenario is drawn. */
export interface ScenarioStyle {
  id: string;
  title: string;
  /** Stroke and solid-fill colour. */
  color: string;
  /** `stroke-dasharray` ("" = solid). */
  dash: string;
  /** Pale tint of `color` (for second-level fills such as non-hukou). */
  tint: string;
  /** Intermediate tint (third-level fills). */
  midTint: string;
}

const COLORS = ['#222e50', '#e69f00', '#009e73', '#7b2d8b', '#56b4e9', '#a6761d', '#d55e00', '#6c757d'];
const DASHES = ['', '7 3', '2 2', '9 3 2 3', '1 3', '5 2 1 2', '12 4', '3 5'];

/** Mix `color` with white by `amount` (0 = color, 1 = white), as "#rrggbb". */
export function tint(color: string, amount: number): string {
  const c = d3.rgb(color);
  const mix = (v: number) => Math.round(v + (255 - v) * amount);
  return d3.rgb(mix(c.r), mix(c.g), mix(c.b)).formatHex();
}

/** The style of each scenario, by position in the list (stable across charts). */
export function scenarioStyles(scenarios: readonly ScenarioInfo[]): ScenarioStyle[] {
  return scenarios.map((s, i) => {
    const color = s.color && d3.color(s.color) ? d3.rgb(s.color).formatHex() : COLORS[i % COLORS.length]!;
    return {
      id: s.id,
      title: s.title,
      color,
      dash: DASHES[i % DASHES.length]!,
      tint: tint(color, 0.62),
      midTint: tint(color, 0.35),
    };
  });
}

/** Neutral greys for legends of within-scenario categories (dark, mid, light). */
export const SHADES = ['#3a3a3a', '#8a8a8a', '#cfcfcf'] as const;
