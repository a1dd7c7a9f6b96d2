/**
 * The words a message would use for a field: its last name in the path, camelCase split
 * ("value.customerNumber[0]" → "customer number").
 */
export const fieldWords = (path: string): string =>
  (
    path
      .replace(/\[\d+\]/gu, '')
      .split('.')
      .pop() ?? ''
  )
    .replace(/([a-z])([A-Z])/gu, '$1 $2')
    .toLowerCase();

/** Verbs a problem's message may start with, so it reads on from the field's label. */
const READS_ON =
  /^(is|are|must|contains|has|have|should|cannot|can|does|do|needs|was|differs|starts|ends|may)\b/u;

/**
 * A problem as a sentence that names the field by its label on the form: "name must not be
 * empty" under "Name" reads "Name must not be empty", "is not an e-mail address" under
 * "Support e-mail" reads "Support e-mail is not an e-mail address". A message the form wrote
 * itself (it starts with a capital) is kept as it is.
 *
 * @example problemSentence('Customer number', 'customer number must not be empty', 'customerNumber')
 * // → 'Customer number must not be empty'
 */
export function problemSentence(label: string, message: string, path?: string): string {
  if (!/^[a-z]/u.test(message)) return message;
  const words = path ? fieldWords(path) : label.toLowerCase();
  if (words && message.toLowerCase().startsWith(`${words} `)) return `${label}${message.slice(words.length)}`;
  return READS_ON.test(message) ? `${label} ${message}` : `${label}: ${message}`;
}
