import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ActivityStoreUnavailableError } from '../../../functions/lib/aws/dynamodb-activity-store';
import { ScimError } from '../../../functions/lib/scim/errors';
import { ScimUniquenessError, ScimVersionConflictError } from '../../../functions/lib/scim/store';
import { PaceBudgetContendedError } from '../../../functions/lib/pacing/budget';
import { CsvSyntaxError } from '../../../functions/lib/bulk/csv';
import { ConnectError } from '../../../functions/lib/connection/connect';
import {
  ConfigurationError, ConflictError, InvocationTimeoutError, NotFoundError, PayloadTooLargeError, PlanIntegrityError, SecretUnavailableError, StateMachineStartError,
  StoredObjectInvalidError, UnprocessableError, ValidationError,
} from '../../../functions/lib/errors';
import { LifecycleFlowNotAvailableError } from '../../../functions/lib/lifecycle/router';
import { InvalidExecutionNameError } from '../../../functions/lib/state-machines/execution-name';
import { ObjectNotFoundError, ObjectTooLargeError } from '../../../functions/lib/storage/object-store';
import { RotationFailedError } from '../../../functions/lib/tokens/rotation';
import { SecretWriteConflictError } from '../../../functions/lib/tokens/secret-store';
import { WebexApiError, WebexLinkRefusedError, WebexNetworkError, WebexResponseShapeError } from '../../../functions/lib/webex/errors';
import { HttpTimeoutError } from '../../../functions/lib/webex/http-transport';
import * as calling from '../../../functions/lib/workflows/calling/errors';
import { ERROR_STATUS_TABLE, errorToResult } from '../../../functions/lib/workflows/error-status';
import * as numbers from '../../../functions/lib/workflows/numbers/errors';
import { StepError, toErrorDetail } from '../../../functions/lib/workflows/step-error';

/**
 * Every exported error class, one instance each, with the status the API answers. A class exported
 * anywhere under functions/ (the simulator's own errors aside) that is missing here fails the test that
 * lists them, so a new error gets its status on purpose: a row of ERROR_STATUS_TABLE, or `internal`.
 */
const CASES: Record<string, { make: () => Error; status: number; internal?: true }> = {
  ValidationError: { make: () => new ValidationError([{ field: 'email', message: 'required' }]), status: 400 },
  NotFoundError: { make: () => new NotFoundError('no such user'), status: 404 },
  ConflictError: { make: () => new ConflictError('exists'), status: 409 },
  PlanIntegrityError: { make: () => new PlanIntegrityError('digest differs'), status: 409 },
  UnprocessableError: { make: () => new UnprocessableError('forbidden by Webex state'), status: 422 },
  PayloadTooLargeError: { make: () => new PayloadTooLargeError('too big'), status: 413 },
  StateMachineStartError: { make: () => new StateMachineStartError('could not start', 503), status: 503 },
  StoredObjectInvalidError: { make: () => new StoredObjectInvalidError('not JSON'), status: 500 },
  ConfigurationError: { make: () => new ConfigurationError('WEBEX_SECRET_ARN is not set'), status: 500 },
  InvocationTimeoutError: { make: () => new InvocationTimeoutError('time limit'), status: 504 },
  SecretUnavailableError: { make: () => new SecretUnavailableError('secret missing'), status: 500 },
  WebexApiError: { make: () => new WebexApiError({ status: 503, method: 'GET', path: '/people' }), status: 502 },
  WebexNetworkError: { make: () => new WebexNetworkError('timeout', 'GET', '/people'), status: 504 },
  WebexResponseShapeError: { make: () => new WebexResponseShapeError('GET', '/people', 'items', 'missing', false), status: 502 },
  WebexLinkRefusedError: { make: () => new WebexLinkRefusedError('GET', '/people', 'to another origin'), status: 502 },
  ObjectNotFoundError: { make: () => new ObjectNotFoundError('bucket', 'key'), status: 404 },
  ObjectTooLargeError: { make: () => new ObjectTooLargeError('key', 10, 5), status: 413 },
  LifecycleFlowNotAvailableError: { make: () => new LifecycleFlowNotAvailableError('no mover'), status: 422 },
  CallingAlreadyEnabledError: { make: () => new calling.CallingAlreadyEnabledError('has calling'), status: 409 },
  NoLicenseUnitsError: { make: () => new calling.NoLicenseUnitsError('no units'), status: 422 },
  LicenseNotFoundError: { make: () => new calling.LicenseNotFoundError('no license'), status: 422 },
  NoNumberAvailableError: { make: () => new calling.NoNumberAvailableError('no number'), status: 422 },
  LicenseNotAppliedError: { make: () => new calling.LicenseNotAppliedError('206'), status: 422 },
  CallingVerificationError: { make: () => new calling.CallingVerificationError('half applied'), status: 502 },
  ChangeNotAppliedError: { make: () => new calling.ChangeNotAppliedError('still licensed'), status: 502 },
  MoveConflictError: { make: () => new calling.MoveConflictError('number taken there'), status: 409 },
  MoveRejectedError: { make: () => new calling.MoveRejectedError('refused'), status: 422 },
  MoveInProgressError: { make: () => new calling.MoveInProgressError('in a job'), status: 409 },
  MoveJobFailedError: { make: () => new calling.MoveJobFailedError('FAILED'), status: 502 },
  MoveJobTimeoutError: { make: () => new calling.MoveJobTimeoutError('still running'), status: 504 },
  NumberTakenError: { make: () => new numbers.NumberTakenError('taken'), status: 409 },
  ExtensionTakenError: { make: () => new numbers.ExtensionTakenError('taken'), status: 409 },
  NotCallingEnabledError: { make: () => new numbers.NotCallingEnabledError('no calling'), status: 409 },
  PrimaryNumberError: { make: () => new numbers.PrimaryNumberError('primary'), status: 409 },
  NumberNotHeldError: { make: () => new numbers.NumberNotHeldError('not held'), status: 404 },
  NumberNotInLocationError: { make: () => new numbers.NumberNotInLocationError('elsewhere'), status: 422 },
  IntegratedPstnError: { make: () => new numbers.IntegratedPstnError('CCP'), status: 422 },
  NotCallingLocationError: { make: () => new numbers.NotCallingLocationError('not calling'), status: 422 },
  // Our fault should one reach an API caller: a plain 500 InternalError without the details.
  ActivityStoreUnavailableError: { make: () => new ActivityStoreUnavailableError('throttled'), status: 500, internal: true },
  // The SCIM routes answer these through their protocol's own mapper (scim/errors.ts scimErrorResult: 400/404/409/413
  // in the SCIM Error schema, test/integration/scim/); anywhere else they would be a bug, answered as one.
  ScimError: { make: () => new ScimError(409, 'uniqueness', 'userName: taken'), status: 500, internal: true },
  ScimUniquenessError: { make: () => new ScimUniquenessError('userName'), status: 500, internal: true },
  ScimVersionConflictError: { make: () => new ScimVersionConflictError('raced'), status: 500, internal: true },
  PaceBudgetContendedError: { make: () => new PaceBudgetContendedError('raced'), status: 500, internal: true },
  CsvSyntaxError: { make: () => new CsvSyntaxError(3, 'unclosed quote'), status: 500, internal: true },
  ConnectError: { make: () => new ConnectError('invalid_client'), status: 500, internal: true },
  InvalidExecutionNameError: { make: () => new InvalidExecutionNameError('too long'), status: 500, internal: true },
  RotationFailedError: { make: () => new RotationFailedError('refresh failed', true), status: 500, internal: true },
  SecretWriteConflictError: { make: () => new SecretWriteConflictError('raced'), status: 500, internal: true },
  HttpTimeoutError: { make: () => new HttpTimeoutError('no answer'), status: 500, internal: true },
  StepError: { make: () => new StepError('WebexServerError', { code: 'WebexServerError', message: 'x', httpStatus: 502 }), status: 500, internal: true },
};

const root = join(__dirname, '../../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'simulator' || e.name === 'node_modules' ? [] : tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `export class X extends Y` where Y is Error or, transitively, another such class. */
function exportedErrorClasses(): Map<string, string> {
  const declared = new Map<string, { base: string; file: string }>();
  for (const file of tsFiles(join(root, 'functions'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^export class (\w+) extends (\w+)/gm)) {
      declared.set(m[1], { base: m[2], file: relative(root, file) });
    }
  }
  const isError = (name: string, seen = new Set<string>()): boolean =>
    name === 'Error' || (!seen.has(name) && declared.has(name) && isError(declared.get(name)!.base, seen.add(name)));
  return new Map([...declared].filter(([name]) => isError(name)).map(([name, { file }]) => [name, file]));
}

describe('the error → status table', () => {
  it('has a case for every error class exported under functions/', () => {
    const missing = [...exportedErrorClasses()].filter(([name]) => !(name in CASES)).map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
    // And no case for a class that is gone.
    expect(Object.keys(CASES).filter((name) => !exportedErrorClasses().has(name))).toEqual([]);
  });

  it.each(Object.entries(CASES))('%s answers its status', (name, { make, status, internal }) => {
    const error = make();
    const mapped = errorToResult(error);
    expect(mapped.statusCode).toBe(status);
    expect(mapped.body.error.code).toBe(internal ? 'InternalError' : error.name);
    // A row of the table matches exactly the errors that are not internal.
    expect(ERROR_STATUS_TABLE.some((row) => error instanceof row.error)).toBe(!internal);
  });

  it('gives a workflow step the status the API answers, the calling faults included', () => {
    for (const { make } of Object.values(CASES)) {
      const error = make();
      if (error instanceof StepError) continue;
      expect(toErrorDetail(error).httpStatus).toBe(errorToResult(error).statusCode);
    }
  });
});

describe('a wrapped error keeps its cause', () => {
  it.each(Object.entries(CASES))('%s takes ErrorOptions.cause', (name) => {
    // Each constructor, called with its sample arguments plus { cause }: the cause must survive.
    const cause = new Error('underlying');
    const withCause = construct(name, cause);
    expect(withCause.cause).toBe(cause);
  });
});

/** The sample of CASES again, with ErrorOptions appended in the constructor's options position. */
function construct(name: string, cause: Error): Error {
  const options = { cause };
  switch (name) {
    case 'ValidationError': return new ValidationError([{ field: 'email', message: 'required' }], options);
    case 'StateMachineStartError': return new StateMachineStartError('could not start', 503, options);
    case 'SecretUnavailableError': return new SecretUnavailableError('secret missing', false, options);
    case 'WebexApiError': return new WebexApiError({ status: 503, method: 'GET', path: '/people' }, options);
    case 'WebexNetworkError': return new WebexNetworkError('timeout', 'GET', '/people', undefined, options);
    case 'WebexResponseShapeError': return new WebexResponseShapeError('GET', '/people', 'items', 'missing', false, undefined, undefined, options);
    case 'WebexLinkRefusedError': return new WebexLinkRefusedError('GET', '/people', 'to another origin', options);
    case 'ObjectNotFoundError': return new ObjectNotFoundError('bucket', 'key', options);
    case 'ObjectTooLargeError': return new ObjectTooLargeError('key', 10, 5, options);
    case 'CsvSyntaxError': return new CsvSyntaxError(3, 'unclosed quote', options);
    case 'RotationFailedError': return new RotationFailedError('refresh failed', true, undefined, options);
    case 'StepError': return new StepError('WebexServerError', { code: 'WebexServerError', message: 'x', httpStatus: 502 }, options);
    case 'ScimError': return new ScimError(409, 'uniqueness', 'userName: taken', options);
    case 'ScimUniquenessError': return new ScimUniquenessError('userName', options);
    default: {
      // The rest keep Error's own (message, options) constructor.
      const Class = CASES[name]!.make().constructor as new (message: string, options?: ErrorOptions) => Error;
      // No constructor of its own (else it needs its case above), so Error's (message, options) it is.
      expect(Class.toString()).not.toMatch(/\bconstructor\s*\(/);
      return new Class('message', options);
    }
  }
}
