#!/usr/bin/env node
// serve.mjs — a tiny static file server for dist/ (node:http, no dependency).
//
//   node scripts/serve.mjs [DIR] [--port N] [--host H]
//
// Listens on 127.0.0.1 (never on all interfaces unless --host says so) and prints the URL.
// Port 0 asks the system for a free port; a taken port falls back to a free one.
// Also importable: `const s = await serve({root, port: 0, headers}); s.url; await s.close();`
// Every response carries a Content-Security-Policy: an HTML file that declares its own policy in a
// <meta http-equiv> element gets exactly that policy as its header (dist/lrplay.html allows its inline
// code by hash; a header naming only 'self' would block it), every other file gets CSP below;
// `headers` may replace it. With `onReport`, every policy also names a report-uri on this server
// and each violation report the browser sends there is handed to onReport (the page tests count
// them: it works the same way in every engine).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

// No frame-ancestors: the page is meant to be embedded (in a sandboxed <iframe>) anywhere.
export const CSP = ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", 'worker-src blob:',
  "style-src 'self'", "img-src 'self' data: blob:", "connect-src 'self'", "object-src 'none'",
  "base-uri 'none'", "form-action 'none'"].join('; ');

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i;

/** The policy an HTML document declares for itself in its <head>, or null. */
export function ownPolicy(html) {
  const head = html.slice(0, 64 * 1024);
  const m = CSP_META.exec(head);
  return m ? m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&') : null;
}

function policyFor(file, cb) {
  if (path.extname(file).toLowerCase() !== '.html') { cb(CSP); return; }
  fs.readFile(file, 'utf8', (err, text) => cb((!err && ownPolicy(text)) || CSP));
}

function resolveInside(root, urlPath) {
  let p;
  try { p = decodeURIComponent(urlPath.split('?')[0].split('#')[0]); } catch { return null; }
  if (p.includes('\0')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + p));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

export const REPORT_PATH = '/__csp-report';

function takeReport(req, res, onReport) {
  const chunks = [];
  let size = 0;
  req.on('data', (c) => { size += c.length; if (size <= 64 * 1024) chunks.push(c); });
  req.on('end', () => {
    let body = null;
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { body = { unreadable: true }; }
    onReport(body);
    res.writeHead(204); res.end();
  });
}

function handler(root, extraHeaders, onReport) {
  const withReport = (policy) => (onReport && policy ? `${policy}; report-uri ${REPORT_PATH}` : policy);
  return (req, res) => {
    if (onReport && req.method === 'POST' && (req.url || '').split('?')[0] === REPORT_PATH) {
      takeReport(req, res, onReport); return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'Allow': 'GET, HEAD' }); res.end(); return;
    }
    let file = resolveInside(root, req.url || '/');
    if (!file) { res.writeHead(400); res.end('bad path\n'); return; }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) file = path.join(file, 'index.html');
      fs.stat(file, (err2, st2) => {
        if (err2 || !st2.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found\n'); return; }
        policyFor(file, (policy) => {
          const headers = {
            'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
            'Content-Length': st2.size,
            'Cache-Control': 'no-cache',
            'X-Content-Type-Options': 'nosniff',
            'Content-Security-Policy': policy,
            'Referrer-Policy': 'no-referrer',
            ...extraHeaders,
          };
          if (headers['Content-Security-Policy']) headers['Content-Security-Policy'] = withReport(headers['Content-Security-Policy']);
          res.writeHead(200, headers);
          if (req.method === 'HEAD') { res.end(); return; }
          fs.createReadStream(file).pipe(res);
        });
      });
    });
  };
}

// headers: extra response headers (the tests use it to try a Content-Security-Policy);
// onReport(report): receives the policy violation reports (the tests use it).
export function serve({ root, port = 0, host = '127.0.0.1', headers = {}, onReport = null } = {}) {
  const dir = path.resolve(root);
  const server = http.createServer(handler(dir, headers, onReport));
  const listen = (p) => new Promise((resolve, reject) => {
    const onErr = (e) => { server.off('listening', onOk); reject(e); };
    const onOk = () => { server.off('error', onErr); resolve(); };
    server.once('error', onErr);
    server.once('listening', onOk);
    server.listen(p, host);
  });
  return listen(port).catch((e) => {
    if (e.code !== 'EADDRINUSE' || port === 0) throw e;
    process.stderr.write(`serve: port ${port} is taken, using a free one\n`);
    return listen(0);
  }).then(() => {
    const a = server.address();
    const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return {
      url: `http://${shown}:${a.port}/`,
      port: a.port,
      close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
    };
  });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  let root = 'dist', port = Number(process.env.PORT ?? 0), host = '127.0.0.1';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i] === '--host') host = args[++i];
    else if (args[i] === '-h' || args[i] === '--help') {
      console.log('usage: node scripts/serve.mjs [DIR] [--port N] [--host H]'); process.exit(0);
    } else root = args[i];
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: bad port ${port}`); process.exit(2);
  }
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`serve: ${root}/index.html not found (run npm run build first)`); process.exit(1);
  }
  serve({ root, port, host }).then((s) => {
    console.log(`lrplay: serving ${path.resolve(root)} at ${s.url}`);
    console.log('press Ctrl+C to stop');
    const stop = () => s.close().then(() => process.exit(0));
    process.on('SIGINT', stop); process.on('SIGTERM', stop);
  }, (e) => { console.error(`serve: ${e.message}`); process.exit(1); });
}
