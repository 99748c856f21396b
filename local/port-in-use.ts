/**
 * A port already taken: the local servers say so and what to do, rather than pick another port a
 * person would then have to find.
 */

/** Raised when a port is taken, with a message that names the option to change. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    /** The `npm start` option that sets this port. */
    readonly option: '--port' | '--auth-port' = '--port',
  ) {
    super(`Port ${port} is already in use. Stop whatever is using it, or choose another: npm start -- ${option} ${port + 2}`);
    this.name = 'PortInUseError';
  }
}
