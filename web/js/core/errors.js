// core/errors.js — the one error type of the library.
//
// `status` is the core's status name ('LRP_EINVAL' for input the core or a reader refuses,
// 'LRP_ELIMIT', 'LRP_ENOMEM', ...). The library knows nothing about exit codes: the command-line
// tools map a status to theirs (bin/lrplay.mjs).

export class LrplayError extends Error {
  constructor(message, { status = 'LRP_EINVAL' } = {}) {
    super(message);
    this.name = 'LrplayError';
    this.status = status;
  }
}

/** Input that is not what the reader or the core takes. */
export const bad = (msg) => new LrplayError(msg, { status: 'LRP_EINVAL' });
/** The core could not get the memory it needs. */
export const noMemory = (msg) => new LrplayError(msg, { status: 'LRP_ENOMEM' });
