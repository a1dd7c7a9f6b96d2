import { setFlagsFromString } from 'node:v8';

/**
 * How far the heap may grow over what a full collection left alive before the next one: 50 %.
 * V8 lets it grow up to fourfold when collecting is cheap, which a long import makes it: 100,000
 * bookings read and stored with 60 MB alive took the heap to 200 MB and the process to 320 MB
 * (`docs/benchmarks.md`). At 50 % the process stays near 250 MB, no slower.
 */
const HEAP_GROWING_PERCENT = 50;

/**
 * Keeps the heap of this process close to what it holds, for a command that makes garbage fast
 * (an import of a large statement). V8 reads the flag each time it sets the next collection's
 * limit, so it applies from the next collection on. Once per process; the server never calls it.
 */
export function keepHeapSmall(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
