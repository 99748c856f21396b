/**
 * `Idempotency-Key`s for the portal's POSTs. A tap gets a fresh key; trying the same request again
 * after a failure reuses its key, so a record that did reach the API before the connection dropped
 * is not counted twice. A different request (another body) gets a new key.
 */

/** Hands out keys for one kind of request (one button, one form). */
export class RetryKeys {
  private pending: { body: string; key: string } | null = null;

  /** The key for `body`: the unresolved one if `body` is what was last tried, else a new one. */
  keyFor(body: unknown): string {
    const text = JSON.stringify(body ?? null);
    if (this.pending?.body !== text) this.pending = { body: text, key: crypto.randomUUID() };
    return this.pending.key;
  }

  /** The request got a definite answer (saved, or refused): the next tap is a new request. */
  settle(): void {
    this.pending = null;
  }
}
