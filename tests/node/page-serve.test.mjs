// page-serve.test.mjs — scripts/serve.mjs, the static server behind `npm start` and the page tests:
// types, 404, no way out of its root, loopback only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { serve, ownPolicy, CSP } from '../../scripts/serve.mjs';

function get(url, method = 'GET', rawPath = null) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: u.hostname, port: u.port, path: rawPath ?? u.pathname, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serve.mjs serves its root with the right types and nothing outside it', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-serve-'));
  const outside = path.join(path.dirname(root), `secret-${path.basename(root)}.txt`);
  fs.writeFileSync(outside, 'secret');
  fs.mkdirSync(path.join(root, 'css'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><p>hi</p>');
  fs.writeFileSync(path.join(root, 'css/a.css'), 'p{}');
  fs.writeFileSync(path.join(root, 'm.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(root, 'a.js'), '1');
  const s = await serve({ root, port: 0, headers: { 'X-Test': 'yes' } });
  try {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    let r = await get(s.url);
    assert.equal(r.status, 200);
    assert.match(r.type, /^text\/html/);
    assert.equal(r.headers['x-test'], 'yes');
    assert.equal(r.body.toString(), '<!doctype html><p>hi</p>');
    assert.match((await get(`${s.url}css/a.css`)).type, /^text\/css/);
    assert.match((await get(`${s.url}a.js`)).type, /^text\/javascript/);
    r = await get(`${s.url}m.wasm`);
    assert.equal(r.type, 'application/wasm');
    assert.equal(r.body.length, 8);
    assert.equal((await get(`${s.url}nope.html`)).status, 404);
    r = await get(`${s.url}index.html`, 'HEAD');
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 0);
    assert.equal((await get(`${s.url}index.html`, 'POST')).status, 405);
    for (const p of [`/../${path.basename(outside)}`, `/%2e%2e/${path.basename(outside)}`, `/css/..%2f..%2f${path.basename(outside)}`, '/%00', '/%E0%A4%A']) {
      r = await get(s.url, 'GET', p);
      assert.ok(r.status === 404 || r.status === 400, `${p} gave ${r.status}`);
      assert.notEqual(r.body.toString(), 'secret');
    }
  } finally {
    await s.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { force: true });
  }
});

test('serve.mjs falls back to a free port when the asked one is taken', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-serve-'));
  fs.writeFileSync(path.join(root, 'index.html'), 'x');
  const a = await serve({ root, port: 0 });
  const warn = process.stderr.write;
  process.stderr.write = () => true;
  try {
    const b = await serve({ root, port: a.port });
    assert.notEqual(b.port, a.port);
    assert.equal((await get(b.url)).status, 200);
    await b.close();
  } finally {
    process.stderr.write = warn;
    await a.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('serve.mjs sends an HTML page the policy it declares, and every other file the default one', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-serve-'));
  const own = "default-src 'none'; script-src 'sha256-abc=' 'wasm-unsafe-eval'";
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><p>plain</p>');
  fs.writeFileSync(path.join(root, 'single.html'),
    `<!doctype html><head><meta http-equiv="Content-Security-Policy" content="${own}"></head><p>x</p>`);
  fs.writeFileSync(path.join(root, 'a.js'), '1');
  const s = await serve({ root, port: 0 });
  try {
    assert.equal((await get(`${s.url}single.html`)).headers['content-security-policy'], own);
    assert.equal((await get(`${s.url}single.html`, 'HEAD')).headers['content-security-policy'], own);
    assert.equal((await get(s.url)).headers['content-security-policy'], CSP);
    assert.equal((await get(`${s.url}a.js`)).headers['content-security-policy'], CSP);
    assert.equal(ownPolicy('<p>no policy</p>'), null);
  } finally {
    await s.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
