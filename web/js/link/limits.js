// link/limits.js — the one set of limits on what a link carries, and how notes about a link
// show untrusted text. Read by the codec (link.js) and by the config side (link/config.js).

export const LIMITS = Object.freeze({
  fragmentChars: 16 * 1024,  // characters of fragment read
  pairs: 512,                // config pairs kept
  keyChars: 64,
  valueChars: 256,
  notes: 40,                 // notes returned (the rest are counted in one last note)
});

/** Shows a piece of untrusted text inside a note: quoted, escaped, at most 40 characters. */
export function quote(s) {
  const t = String(s);
  const cut = t.length > 40 ? `${t.slice(0, 40)}…` : t;
  return JSON.stringify(cut);
}

/** At most LIMITS.notes notes: the last one counts the rest. */
export function capNotes(notes) {
  if (notes.length <= LIMITS.notes) return notes;
  const more = notes.length - (LIMITS.notes - 1);
  return [...notes.slice(0, LIMITS.notes - 1), `… and ${more} more notes`];
}
