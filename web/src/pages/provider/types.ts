import type { ApiOutput } from '../../api';

/** What the provider overview route returns, and the records in it, as the page's parts use them. */
export type Overview = ApiOutput<'getProvider'>;
export type Account = Overview['accounts'][number];
export type Contract = Overview['contracts'][number];
export type Interaction = Overview['timeline'][number];
export type Case = Overview['cases'][number];
export type DocumentInfo = Overview['documents'][number];
export type TimelineEvent = Overview['events'][number];
