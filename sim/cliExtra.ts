/** Commands added by later work (compare, sweep, merge, bench, explore) register here. */
import type { Command } from 'commander';

export function addExtraCommands(_program: Command): void {}
