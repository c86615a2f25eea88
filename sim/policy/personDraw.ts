/** Per-person draws now live in the engine (sim/engine/personDraw.ts), where the model's apply decision can use them too. */
export { personDraw, saltFrom } from '../engine/personDraw.ts';
