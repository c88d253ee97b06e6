// export.js — what the page hands out, as text: the link of an experiment, the CLI command that
// reproduces it, CSV of its curves, the results JSON and the <iframe> snippet. Pure JavaScript,
// no DOM (tested in Node).
//
//   experimentLink(core, base, config, view, inline)  the page URL whose fragment holds the config
//                                              (and the CSV file itself: link/inline.js)
//   commandText('find'|'train', config)        `npx lrplay train - <<'EOF'` + canonical JSON + EOF;
//                                              a csv experiment adds `--data FILE` (its data.path)
//   resultJSON(result)                         the results JSON as `lrplay find`/`train` print it
//   findCsv(result), trainCsv(result)          as `lrplay find --csv` / `lrplay train --csv`
//   trainResult(version, config, runs)         the JSON of a comparison made run by run
//   embedSnippet(src, {height})                <iframe ... sandbox="allow-scripts">
//   embedPageUrl(pageUrl)                     the self-contained lrplay.html next to the page (for frames)
//   HOST_RESIZE_SNIPPET                        five lines for the host page: frames take the height they post
//   message(type, fields)                      a postMessage to a parent page
//
// The CLI output format itself (JSON text, CSV) is the library's (core/output.js), shared with
// bin/lrplay.mjs; findCsv and trainCsv are re-exported from there. The page itself runs a
// comparison as one job per (seed, run) and has the core put them together
// (core.aggregateTrain), so its JSON, CSV and the embed's `train` message are what
// `lrplay train` prints, repeats included; trainResult is that for one seed.
import { formatFragment, pairsFromFields, linkFields } from './link.js';
import { withInline } from './link/inline.js';
import { toJSON, toJSONShort } from './core.js';

export { findCsv, trainCsv } from './core.js';

/** The page's address (no fragment) plus the link fragment of `config` with the view keys. */
export function experimentLink(core, base, config, view = {}, inline = null) {
  const page = String(base).split('#')[0];
  return page + withInline(formatFragment({ pairs: pairsFromFields(linkFields(core, config)), view }), inline);
}

/** A word for a POSIX shell: as it is when it is plain, else in single quotes. */
export function shellWord(s) {
  const t = String(s).startsWith('-') ? `./${s}` : String(s);
  return /^[A-Za-z0-9_.,:+=@%/-]+$/.test(t) ? t : `'${t.replace(/'/g, `'\\''`)}'`;
}

/**
 * The shell command that runs `config` with the command-line tool. The JSON goes in a quoted
 * here-document (<<'EOF'), so the shell expands nothing in it; canonical JSON is one line
 * starting with "{", so it can never be the terminator line (checked anyway).
 */
export function commandText(kind, config, { program = 'npx lrplay' } = {}) {
  if (kind !== 'find' && kind !== 'train') throw new TypeError(`commandText: kind must be find or train, not ${kind}`);
  const json = toJSONShort(config);
  let tag = 'EOF';
  for (let i = 2; json.split('\n').includes(tag); i++) tag = `EOF${i}`;
  const data = config?.data?.name === 'csv' ? ` --data ${shellWord(config.data.path || 'data.csv')}` : '';
  return `${program} ${kind} -${data} <<'${tag}'\n${json}\n${tag}\n`;
}

/** The results JSON (one line and a newline, as the CLI prints it). */
export function resultJSON(result) { return `${toJSON(result)}\n`; }

/** A comparison made one run per worker, put together as `lrplay train` prints it. */
export function trainResult(version, config, runs) {
  return { lrplay: version, kind: 'train', config, runs: [...runs].sort((a, b) => a.index - b.index) };
}

/** Text for an HTML attribute value in double quotes. */
export function escapeAttr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Frames get the self-contained lrplay.html next to the page: its policy names its inline code by
 * hash, which every engine matches in a sandboxed frame's opaque origin ('self' does not match the
 * page's own files there in WebKit). The query and fragment stay; another file name stays as is.
 */
export function embedPageUrl(page) {
  const s = String(page).split('#')[0];
  const q = s.indexOf('?');
  const [file, query] = q < 0 ? [s, ''] : [s.slice(0, q), s.slice(q)];
  const m = /^(.*\/)(index\.html)?$/.exec(file);
  return m ? `${m[1]}lrplay.html${query}` : s;
}

/** The default height of an embed: the compact view of every built-in data set with the default
 *  runs (settings hidden, as the Embed dialog starts) fits without an inner scrollbar from 900 px wide. */
export const EMBED_HEIGHT = 1440;

/** The <iframe> snippet of an embed link. */
export function embedSnippet(src, { height = EMBED_HEIGHT } = {}) {
  const h = Number.isFinite(Number(height)) ? Math.min(4000, Math.max(200, Math.round(Number(height)))) : EMBED_HEIGHT;
  return `<iframe src="${escapeAttr(src)}" title="lrplay: learning-rate experiment" width="100%" height="${h}" ` +
    'sandbox="allow-scripts" loading="lazy"></iframe>';
}

/** For the host page, once: every lrplay frame gets the height it posts (type 'resize'). */
export const HOST_RESIZE_SNIPPET = [
  '<script>',
  'addEventListener("message", (e) => { const d = e.data, f = [...document.querySelectorAll("iframe")].find((x) => x.contentWindow === e.source);',
  '  if (f && d && d.source === "lrplay" && d.type === "resize" && d.height > 0) f.style.height = Math.min(d.height, 10000) + "px";',
  '});',
  '</script>',
].join('\n');

export const MESSAGE_SOURCE = 'lrplay';
export const MESSAGE_VERSION = 1;
export const MESSAGE_TYPES = Object.freeze(['ready', 'find', 'train', 'error', 'resize']);

/** {source: 'lrplay', version: 1, type, config?, result?, message?, height?} */
export function message(type, { config, result, message: text, height } = {}) {
  if (!MESSAGE_TYPES.includes(type)) throw new TypeError(`message: unknown type ${type}`);
  const m = { source: MESSAGE_SOURCE, version: MESSAGE_VERSION, type };
  if (config !== undefined) m.config = config;
  if (result !== undefined) m.result = result;
  if (text !== undefined) m.message = String(text);
  if (height !== undefined) {
    if (!Number.isInteger(height) || height < 0) throw new TypeError(`message: height must be a whole number of pixels, not ${height}`);
    m.height = height;
  }
  return m;
}
