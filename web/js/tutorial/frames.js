// tutorial/frames.js — the live figures: one sandboxed <iframe> of the playground per figure,
// started when the figure scrolls into view, at most MAX_ACTIVE at a time (a page of seven
// experiments on two cores is quicker one or two at a time than all at once).
//
// A figure is <figure class="exp" data-expect="find|train" data-hide="GROUPS"> holding a
// .frame-box, a .exp-status line and an a.open-link whose href is the experiment's link. The
// frame's src is that link plus the view keys: &embed=1&hide=GROUPS&autorun=1.
//
// Opened from a file, a sandboxed frame has an opaque origin, and Chromium refuses it every
// local file but its own document: index.html would load without its script. There the frame
// opens the self-contained lrplay.html instead (the same page, code and WebAssembly inline);
// a browser that blocks even that gets a note and the link (Figure.start's timer).

export const MAX_ACTIVE = 2;
/** How long a frame may take to say `ready` before the page says it did not start (ms). */
export const READY_MS = { file: 12000, other: 45000 };

/** The page a frame opens for a link: lrplay.html instead of index.html from a file. */
export function framePage(href, protocol) {
  return protocol === 'file:' ? String(href).replace(/^index\.html(?=#|$)/, 'lrplay.html') : String(href);
}

/** The embed address of a playground link: the same link plus the view keys. */
export function embedSrc(href, hide) {
  const [page, frag = ''] = String(href).split('#');
  const view = `embed=1${hide ? `&hide=${hide}` : ''}&autorun=1`;
  return `${page}#${frag ? `${frag}&` : 'v=1&'}${view}`;
}

export class Figure {
  /** @param {HTMLElement} el the <figure> */
  constructor(el, { onTimeout } = {}) {
    this.el = el;
    this.id = el.id;
    this.box = el.querySelector('.frame-box');
    this.statusEl = el.querySelector('.exp-status');
    this.link = el.querySelector('a.open-link');
    this.expect = (el.dataset.expect || '').split(',').filter(Boolean);
    this.hide = el.dataset.hide || '';
    this.frame = null;
    this.reserved = 0;   // px the box held for the frame when it started
    this.posted = 0;     // the frame's last `resize` height
    this.seen = new Set();
    this.state = 'idle';   // idle, queued, loading, running, done, error, blocked
    this.onTimeout = onTimeout;
    this.timer = 0;
    el.dataset.state = this.state;
  }

  setState(state, text) {
    this.state = state;
    this.el.dataset.state = state;
    if (text !== undefined) this.status(text, state === 'error' || state === 'blocked');
  }

  status(text, error = false) {
    this.statusEl.textContent = text;
    this.statusEl.classList.toggle('error', error);
  }

  /** Makes the frame and points it at the experiment. */
  start() {
    const f = document.createElement('iframe');
    f.title = `Live experiment: ${this.el.querySelector('figcaption strong')?.textContent || 'lrplay'} (lrplay playground)`;
    f.setAttribute('sandbox', 'allow-scripts');
    f.setAttribute('referrerpolicy', 'no-referrer');
    f.src = embedSrc(framePage(this.link.getAttribute('href'), location.protocol), this.hide);
    this.frame = f;
    this.posted = 0;
    this.reserved = Math.floor(this.box.clientHeight);   // inside the box's border: the frame's part
    this.box.replaceChildren(f);
    this.setState('loading', 'Loading the experiment…');
    const file = location.protocol === 'file:';
    this.timer = setTimeout(() => {
      if (this.seen.has('ready')) return;
      if (file) {
        this.setState('blocked', 'Your browser did not start this frame from a file. Use the link below.');
        const p = document.createElement('p');
        p.className = 'frame-wait';
        p.textContent = 'The embedded experiment did not start: browsers may block frames in pages opened from disk.';
        this.box.replaceChildren(p);
        this.box.classList.remove('sized');
        this.box.style.height = 'auto';
      } else {
        this.setState('error', 'The experiment has not answered yet; the link below opens it on its own page.');
      }
      this.onTimeout?.(this);
    }, READY_MS[file ? 'file' : 'other']);
  }

  /** A message from this figure's frame; returns true when the figure has all it expects. */
  receive(m) {
    if (m.type === 'resize') { this.resize(m.height); return false; }
    if (this.state === 'done' || this.state === 'blocked') return false;
    this.seen.add(m.type);
    if (m.type === 'ready') {
      clearTimeout(this.timer);
      this.setState('running', this.expect.includes('find') ? 'Running the range test…' : 'Training…');
      return false;
    }
    if (m.type === 'error') {
      clearTimeout(this.timer);
      this.setState('error', `The experiment stopped: ${m.message}`);
      if (this.posted) this.resize(this.posted);
      return true;
    }
    if (this.expect.every((t) => this.seen.has(t))) {
      this.setState('done', 'Done: the numbers in the text are this figure\'s.');
      if (this.posted) this.resize(this.posted);
      return true;
    }
    return false;
  }

  /**
   * The frame's content height (from a `resize` message): the frame takes it, the box follows.
   * Until the figure has its results (or has stopped), the frame keeps at least the height its
   * box reserved: a frame first posts its short loading layout, and the page should not jump up
   * and back down while the experiment runs. Once the figure is finished, the last height counts.
   */
  resize(height) {
    if (!this.frame) return;
    this.posted = height;
    const settled = this.state === 'done' || this.state === 'error';
    const h = settled ? height : Math.max(height, this.reserved || 0);
    this.box.classList.add('sized');
    this.frame.style.height = `${h}px`;
    this.el.dataset.height = String(h);
  }
}

/**
 * Starts figures as they scroll into view, at most `max` at a time. `figures` are Figure objects.
 * Without IntersectionObserver every figure is queued at once (in page order).
 */
export class Scheduler {
  constructor(figures, { max = MAX_ACTIVE, margin = '300px 0px' } = {}) {
    this.figures = figures;
    this.max = max;
    this.queue = [];
    this.active = new Set();
    const want = (fig) => {
      if (fig.state !== 'idle') return;
      fig.setState('queued', 'Waiting for the figure before it to finish…');
      this.queue.push(fig);
      this.pump();
    };
    if (typeof IntersectionObserver === 'function') {
      const byEl = new Map(figures.map((f) => [f.el, f]));
      this.io = new IntersectionObserver((entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          this.io.unobserve(e.target);
          want(byEl.get(e.target));
        }
      }, { rootMargin: margin });
      for (const f of figures) this.io.observe(f.el);
    } else {
      for (const f of figures) want(f);
    }
  }

  pump() {
    while (this.active.size < this.max && this.queue.length) {
      const fig = this.queue.shift();
      this.active.add(fig);
      fig.start();
    }
  }

  /** A figure is finished (results, error, or no answer): its place goes to the next one. */
  release(fig) {
    if (this.active.delete(fig)) this.pump();
  }
}
