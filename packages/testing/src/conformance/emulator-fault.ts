import type { Emulator } from '../emulator/emulator.js';
import type { Fault } from '../emulator/fault.js';
import type { ConformanceSubject, FaultCall, FaultInjector } from './backend-conformance-options.js';

/** A conformance subject backed by one emulator. */
export type EmulatorSubject = ConformanceSubject & { readonly emulator: Emulator };

/**
 * An injector that arms an emulator fault for the next call and disarms every fault afterwards
 * (so a fault the adapter never triggered cannot leak into the next case).
 *
 * @example
 * faults: {
 *   'rate-limited': emulatorFault((call) => ({ type: 'status', status: 429, retryAfter: call.retryAfterSeconds })),
 *   'connection-reset': emulatorFault({ type: 'reset' }),
 * }
 */
export function emulatorFault<Subject extends EmulatorSubject>(
  fault: Fault | ((call: FaultCall) => Fault),
): FaultInjector<Subject> {
  return (subject, call) => {
    subject.emulator.setFault(typeof fault === 'function' ? fault(call) : fault);
    return {
      cleanup: async () => {
        subject.emulator.clearFaults();
      },
    };
  };
}
