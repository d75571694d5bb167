export {
  type BackendHealth,
  createHealthMonitor,
  type HealthMonitor,
  type HealthMonitorOptions,
  type ProbeTracker,
} from './create-health-monitor.js';
export { type HealthTimers, unrefTimers } from './health-timers.js';
export { type BackendCheck, type ProbeBackendOptions, probeBackend } from './probe-backend.js';
export { type WarmUpOptions, type WarmUpResult, warmUpTargets } from './warm-up-targets.js';
