// embed.mjs — the parent page of an embed for the page tests: another origin (a server of its
// own on 127.0.0.1) around one <iframe sandbox="allow-scripts">, recording every lrplay message
// of its frame in window.msgs as {origin, fromFrame, t (ms since the page started), data}.
import http from 'node:http';

/** The parent page's HTML: the frame of `src` (width x height), then `extra` HTML. */
export function embedHtml(src, { width = 900, height = 900, extra = '' } = {}) {
  return '<!doctype html><html lang="en"><meta charset="utf-8"><title>A page that embeds lrplay</title><link rel="icon" href="data:,">' +
    '<script>window.msgs=[];window.t0=performance.now();addEventListener("message",(e)=>{const f=document.querySelector("iframe");' +
    'if(e.data&&e.data.source==="lrplay")msgs.push({origin:e.origin,fromFrame:e.source===f.contentWindow,t:performance.now()-t0,data:e.data});});</script>' +
    '<body style="margin:0;background:#eee;font:14px sans-serif"><p style="margin:8px">A page that embeds an experiment:</p>' +
    `<iframe src="${src.replace(/&/g, '&amp;')}" title="lrplay" width="${width}" height="${height}" sandbox="allow-scripts" style="border:1px solid #999;background:#fff"></iframe>` +
    `${extra}</body></html>`;
}

/**
 * Serves a parent page at / (404 elsewhere): `html` is its HTML, or a function of the request's
 * query (URLSearchParams) giving it. Returns {url, close()}; url ends in '/'.
 */
export async function embedParent(html) {
  const ps = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    if (u.pathname !== '/') { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(typeof html === 'function' ? html(u.searchParams) : html);
  });
  await new Promise((r) => ps.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${ps.address().port}/`, close: () => new Promise((r) => ps.close(r)) };
}
