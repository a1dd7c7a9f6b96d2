import { writeZip } from '../platform/zip-writer.js';

/**
 * A small, well-formed ZIP of UTF-8 files, as a service's "download your data" gives: the demo's
 * answers to access requests are imported from it as the person would import the real one.
 */
export const demoZip = (files: readonly { readonly name: string; readonly text: string }[]): Buffer =>
  writeZip(files.map((f) => ({ name: f.name, data: f.text })));
