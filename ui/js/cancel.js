// Cancelling a long job (an import, an export) the window has just started.
//
// The window's call to start the job and its call to cancel it travel separately,
// and the backend only hears a cancel for a job that has claimed its slot: an
// archivist who presses Escape in the first milliseconds would otherwise see the
// job run to the end. So the cancel is asked again, a little later each time,
// until the backend says it reached a running job or the window's call ends.

/** The first wait before asking again, in milliseconds; it doubles up to MAX_DELAY. */
const FIRST_DELAY = 25;
const MAX_DELAY = 400;

/**
 * Asks `cancel` until it answers true (the job heard it) or `pending` says the
 * job's call has ended.
 * @param {() => Promise<boolean>} cancel  The backend's cancel; true when a job was running.
 * @param {() => boolean} pending  Whether the window still waits for the job's answer.
 * @param {(ms: number) => Promise<void>} [wait]
 * @returns {Promise<boolean>} Whether the backend heard the cancel.
 */
export async function cancelUntilHeard(cancel, pending, wait = sleep) {
  for (let delay = FIRST_DELAY; pending(); delay = Math.min(delay * 2, MAX_DELAY)) {
    if (await cancel()) return true;
    await wait(delay);
  }
  return false;
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => window.setTimeout(resolve, ms));
}
