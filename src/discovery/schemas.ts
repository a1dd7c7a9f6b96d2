import { z } from 'zod';

/** A domain as a person types it (`Shop.Example.`, `@shop.example`): lower case, no dot at the end. */
export const domainInput = z
  .string({ error: 'domain is required: the organisation’s mail domain, such as shop.example' })
  .trim()
  .max(253, { error: 'domain is too long: a domain has at most 253 characters' })
  .transform((text) => text.toLowerCase().replace(/\.$/, '').replace(/^@/, ''))
  .refine((d) => /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(d), {
    error: 'domain must be a mail domain such as shop.example (letters, digits, hyphens and dots)',
  });

/** What the list of organisations shows. */
export const discoveryOptions = z
  .object({
    /** Show the organisations the person dismissed too (each says that it was). */
    includeDismissed: z.boolean().optional(),
  })
  .strict();
export type DiscoveryOptions = z.input<typeof discoveryOptions>;
