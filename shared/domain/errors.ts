/** Typed domain errors. `shared/http/problem.ts` maps each kind to one HTTP status, in one place. */
export type ErrorKind =
  | 'invalid-input'
  | 'malformed-request'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'illegal-transition'
  | 'state-conflict'
  | 'version-mismatch'
  | 'precondition-required'
  | 'idempotency-key-reused'
  | 'unprocessable'
  | 'agreement-not-accepted'
  | 'rate-limited'
  | 'throttled';

export interface FieldError {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;
  constructor(
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
  }
}

export class InvalidInput extends DomainError {
  readonly kind = 'invalid-input';
  constructor(errors: FieldError[], message = 'The request has invalid fields.') {
    super(message, errors);
  }
}
export class MalformedRequest extends DomainError {
  readonly kind = 'malformed-request';
}
export class PayloadTooLarge extends DomainError {
  readonly kind = 'payload-too-large';
}
export class UnsupportedMediaType extends DomainError {
  readonly kind = 'unsupported-media-type';
}
export class Unauthenticated extends DomainError {
  readonly kind = 'unauthenticated';
}
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
}
/** Also what a caller gets for a resource that exists but is not theirs, so existence never leaks. */
export class NotFound extends DomainError {
  readonly kind = 'not-found';
}
export class IllegalTransition extends DomainError {
  readonly kind = 'illegal-transition';
}
export class StateConflict extends DomainError {
  readonly kind = 'state-conflict';
}
export class VersionMismatch extends DomainError {
  readonly kind = 'version-mismatch';
}
export class PreconditionRequired extends DomainError {
  readonly kind = 'precondition-required';
}
export class IdempotencyKeyReused extends DomainError {
  readonly kind = 'idempotency-key-reused';
}
/** Well-formed, but what it refers to cannot be used as it is (an upload that does not match its declaration). */
export class Unprocessable extends DomainError {
  readonly kind = 'unprocessable';
}
export class Throttled extends DomainError {
  readonly kind = 'throttled';
}
/** The dealer has not accepted the material partner agreement in force: it may not register further deals. */
export class AgreementNotAccepted extends DomainError {
  readonly kind = 'agreement-not-accepted';
}
/** Too many requests from one source or caller within a window; `retryAfterSeconds` says when to come back. */
export class RateLimited extends DomainError {
  readonly kind = 'rate-limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
