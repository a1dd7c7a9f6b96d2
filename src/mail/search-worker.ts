/**
 * The worker side of `SearchRunner`: one read-only connection to the store, on which it runs each
 * search its runner sends and posts back the rows, or why it failed. Nothing it receives can crash
 * it: every error becomes a reply.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../platform/db/store.js';
import { searchMessages, type SearchFilter } from './repository.js';
import type { SearchReply, SearchRequest, SearchWorkerData } from './search-runner.js';

const port = parentPort;
if (port === null) throw new Error('search-worker.js runs as a worker thread of SearchRunner');
const { path, sessionToken } = workerData as SearchWorkerData;
const connection = openReader(path, sessionToken);
// Ready: a search's time limit counts from here, not from the thread's start.
port.postMessage({ ready: true } satisfies SearchReply);

port.on('message', ({ id, filter }: SearchRequest) => {
  port.postMessage(run(id, filter));
});

function run(id: number, filter: SearchFilter): SearchReply {
  try {
    return { id, page: searchMessages(connection, filter) };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}
