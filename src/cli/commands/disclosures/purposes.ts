/** The closed list of purposes, as the help of every option that takes some spells it out. */
export const PURPOSES_HELP =
  'comma-separated: service, delivery, legal, security, marketing, advertising, offers, analytics, research, ai-training';
