// tutorial/messages.js — what an embedded lrplay posts to its parent, read defensively:
//   {source: 'lrplay', version: 1, type: 'ready' | 'find' | 'train' | 'error' | 'resize', config?, result?, message?, height?}
// A sandboxed frame's messages come from origin "null", so the sender is known only by
// e.source === frame.contentWindow (the caller passes the frames it owns). Pure functions, no DOM.

export const SOURCE = 'lrplay';
export const VERSION = 1;

/** The lrplay message in `data`, or null when it is not one this page understands. */
export function readMessage(data) {
  if (data === null || typeof data !== 'object') return null;
  if (data.source !== SOURCE || data.version !== VERSION || typeof data.type !== 'string') return null;
  switch (data.type) {
    case 'ready':
      return { type: 'ready', config: data.config && typeof data.config === 'object' ? data.config : null };
    case 'find':
    case 'train': {
      const r = data.result;
      if (!r || typeof r !== 'object' || r.kind !== data.type) return null;
      if (data.type === 'find' && (!r.find || typeof r.find !== 'object')) return null;
      if (data.type === 'train' && !Array.isArray(r.runs)) return null;
      return { type: data.type, config: data.config && typeof data.config === 'object' ? data.config : null, result: r };
    }
    case 'error':
      return { type: 'error', message: String(data.message ?? 'unknown error').slice(0, 500) };
    case 'resize': {
      const h = Number(data.height);
      return Number.isFinite(h) && h > 0 ? { type: 'resize', height: h } : null;
    }
    default:
      return null;
  }
}

/** The entry of `owners` ({frame, ...}) whose frame sent the event, or null. */
export function senderOf(event, owners) {
  if (!event || !event.source) return null;
  for (const o of owners) {
    if (o.frame && o.frame.contentWindow && event.source === o.frame.contentWindow) return o;
  }
  return null;
}

/** A content height from a `resize` message, kept within sane bounds (px). */
export function frameHeight(h, { min = 160, max = 4000 } = {}) {
  return Math.round(Math.min(max, Math.max(min, h)));
}
