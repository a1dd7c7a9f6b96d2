import { z } from 'zod';

// A query string carries only text, so numbers and flags arrive as strings: these parts coerce
// them, once for every data route. What a value means (a date, a purpose) is the service's schema.

/** `?all=true`: a yes-or-no switch, `true` or `false`. */
export const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `?within=30`: a number of days ahead, up to about ten years. */
export const days = z.coerce.number().int().min(0).max(3660);

/** `?caseId=7`: the id of a record. */
export const idParam = z.coerce.number().int().positive();

/** `?provider=acme`: a provider by id, name or domain, as the services resolve it. */
export const providerParam = z.string().trim().min(1);

/** `?limit=50`: how many rows at most, from 1 up to what the route allows. */
export const limitParam = (max: number) => z.coerce.number().int().positive().max(max);
