import { z } from 'zod';
import { isoDateSchema } from '../platform/dates.js';
import { longText, nameText } from '../platform/validation.js';
import { LANGUAGES } from './templates.js';

export const CAMPAIGN_CHANNELS = ['email', 'letter', 'web_form'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

export const ITEM_STATES = ['drafted', 'sent', 'acknowledged', 'confirmed', 'failed', 'dropped'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** A reference to a fact or a provider as a person types it: its number, or its label or name. */
const reference = (what: string) =>
  z.union(
    [
      z.number().int().positive(),
      z
        .string()
        .trim()
        .min(1, { error: `${what} is required` }),
    ],
    {
      error: `${what} is required`,
    },
  );

export const startCampaignInput = z.object({
  fact: reference('fact'),
  language: z.enum(LANGUAGES, { error: `language must be one of ${LANGUAGES.join(', ')}` }).optional(),
  waitDays: z.coerce
    .number({ error: 'wait days must be a number' })
    .int({ error: 'wait days must be a whole number' })
    .min(1, { error: 'wait days must be at least 1' })
    .max(365, { error: 'wait days must be at most 365' })
    .optional(),
});
export type StartCampaignInput = z.input<typeof startCampaignInput>;

export const addProviderInput = z.object({ provider: reference('provider') });

export const editItemInput = z.object({
  subject: nameText('subject', 300).optional(),
  body: longText('text', 20_000).optional(),
  channel: z
    .enum(CAMPAIGN_CHANNELS, { error: `channel must be one of ${CAMPAIGN_CHANNELS.join(', ')}` })
    .optional(),
});
export type EditItemInput = z.input<typeof editItemInput>;

/** The day a campaign letter is dated (default today). */
export const letterDayInput = z.object({ date: isoDateSchema.optional() }).strict().optional();

export const onDayInput = z.object({ on: isoDateSchema.optional() }).optional();

export const failItemInput = z.object({ reason: nameText('reason', 500) });
