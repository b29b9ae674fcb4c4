// A cancel pressed before the backend has started the job is asked again until
// the job hears it, and stops being asked once the job's call has ended.
import assert from 'node:assert/strict';

const { cancelUntilHeard } = await import('../../ui/js/cancel.js');

/** Waits are recorded, not slept. */
function recorder() {
  /** @type {number[]} */
  const waits = [];
  return { waits, wait: async (/** @type {number} */ ms) => void waits.push(ms) };
}

// The job claims its slot on the third ask: heard, after two growing waits.
{
  let asks = 0;
  const { waits, wait } = recorder();
  const heard = await cancelUntilHeard(async () => ++asks === 3, () => true, wait);
  assert.equal(heard, true);
  assert.equal(asks, 3);
  assert.deepEqual(waits, [25, 50]);
}

// A running job hears the first ask: no wait at all.
{
  const { waits, wait } = recorder();
  assert.equal(await cancelUntilHeard(async () => true, () => true, wait), true);
  assert.deepEqual(waits, []);
}

// The job ended before it ever ran (or ended on its own): the asking stops.
{
  let asks = 0;
  let pending = true;
  const { waits, wait } = recorder();
  const heard = await cancelUntilHeard(
    async () => {
      asks += 1;
      if (asks === 4) pending = false;
      return false;
    },
    () => pending,
    wait,
  );
  assert.equal(heard, false);
  assert.equal(asks, 4);
  assert.deepEqual(waits, [25, 50, 100, 200]);
}

// Waits stop growing at 400 ms.
{
  let asks = 0;
  const { waits, wait } = recorder();
  await cancelUntilHeard(async () => ++asks === 8, () => true, wait);
  assert.deepEqual(waits, [25, 50, 100, 200, 400, 400, 400]);
}

// Nothing pending: no ask.
{
  let asks = 0;
  assert.equal(await cancelUntilHeard(async () => (asks += 1) > 0, () => false), false);
  assert.equal(asks, 0);
}

console.log('cancel: ok');
