// ZIPs for tests: the one writer (src/platform/zip-writer.ts), under the names the tests use.
export { writeZip as craftZip, type ZipEntryInput as CraftedEntry } from '../platform/zip-writer.js';
