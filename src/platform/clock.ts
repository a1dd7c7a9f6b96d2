/** The source of "now", injected so that derived figures and tests can fix the date. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
