// Typed domain errors. Layers throw these; the tRPC middleware and route handlers map them to
// codes and clear messages, so no database detail or stack trace ever reaches a client.
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
/** The thing does not exist — or belongs to someone else, which the caller must not learn. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(`${what} not found`);
  }
}
export class ConflictError extends DomainError {}
/** Input that passed the schema but breaks a rule; `field` names what to fix. */
export class InvalidInputError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
export class UnauthorizedError extends DomainError {}
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`);
  }
}
/** A dependency (database, model, Redis) is down; the message says which, and that it will recover. */
export class UnavailableError extends DomainError {}
export class ConfigError extends DomainError {}
