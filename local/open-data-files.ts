/**
 * The open data files under `npm start`: where CloudFront serves what the scheduled job wrote to
 * S3, the local server builds both files on the first request, with the same code as the job, and
 * keeps them for as long as the job's schedule would (`openDataFilesSchedule`). Concurrent
 * requests share one build.
 */
import type { ServerResponse } from 'node:http';
import {
  type OpenDataFileName,
  openDataFiles,
  openDataFilesCacheControl,
  openDataFilesSchedule,
} from '../functions/contract/open-data.js';
import type { OpenDataFilesBuilt } from '../functions/core/open-data-files.js';

/** How the local files are kept. */
export interface LocalOpenDataFilesOptions {
  /** How long a build is served before the next request builds again. @default the job's schedule */
  keepMs?: number;
  /** @default the wall clock */
  now?: () => number;
}

/** Serves the open data files; `serve` answers and returns true for their paths, false for any other. */
export interface LocalOpenDataFiles {
  serve(method: string, pathname: string, response: ServerResponse): Promise<boolean>;
}

const fileOfPath = new Map<string, OpenDataFileName>(
  (Object.entries(openDataFiles) as [OpenDataFileName, (typeof openDataFiles)[OpenDataFileName]][]).map(([name, file]) => [file.path, name]),
);

/** The local stand-in for the job, the bucket and CloudFront's cache. */
export function localOpenDataFiles(options: LocalOpenDataFilesOptions = {}): LocalOpenDataFiles {
  const keepMs = options.keepMs ?? openDataFilesSchedule.rebuildMinutes * 60_000;
  const now = options.now ?? Date.now;
  let kept: { at: number; files: Promise<OpenDataFilesBuilt> } | undefined;

  const build = async (): Promise<OpenDataFilesBuilt> => {
    // Loaded on first use: the data layer reads its settings when it loads, which the finder sets first.
    const [{ buildOpenDataFiles }, { readPublishedEntries, readPublishedListings }] = await Promise.all([
      import('../functions/core/open-data-files.js'),
      import('../functions/data/published-listings.js'),
    ]);
    return buildOpenDataFiles({ publishedEntries: readPublishedEntries, listings: readPublishedListings }, new Date(now()));
  };

  const current = (): Promise<OpenDataFilesBuilt> => {
    if (!kept || now() - kept.at >= keepMs) {
      const files = build();
      kept = { at: now(), files };
      // A failed build is not kept: the next request tries again.
      files.catch(() => {
        if (kept?.files === files) kept = undefined;
      });
    }
    return kept.files;
  };

  return {
    async serve(method, pathname, response) {
      const name = fileOfPath.get(pathname);
      if (!name) return false;
      if (method !== 'GET' && method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ error: 'method_not_allowed', message: 'That method is not allowed here', issues: [] }));
        return true;
      }
      const body = (await current())[name];
      response.writeHead(200, {
        'content-type': openDataFiles[name].contentType,
        'content-length': String(Buffer.byteLength(body)),
        'cache-control': openDataFilesCacheControl,
        'access-control-allow-origin': '*',
      });
      response.end(method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}
