// static_server.mjs: the built site served on 127.0.0.1 (a free port) for the browser tests,
// as any static host serves it: a folder's index.html, a 404 for anything else, nothing
// outside the site's folder. `base` is the sub-path the site is served under ('/' by default).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, extname } from 'node:path';

const types = { '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.svg': 'image/svg+xml' };

export async function serve(site, base = '/') {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(req.url.split('?')[0]);
    if (!path.startsWith(base)) { res.writeHead(404); return res.end(); }
    let file = normalize(join(site, path.slice(base.length)));
    if (!file.startsWith(normalize(site))) { res.writeHead(404); return res.end(); }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
      res.end(await readFile(file));
    } catch { res.writeHead(404); res.end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
