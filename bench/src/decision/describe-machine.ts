import { arch, cpus, platform, release, totalmem } from 'node:os';

/** The machine a benchmark ran on, printed with every result. */
export type MachineDescription = {
  readonly cpuModel: string;
  /** Logical cores. */
  readonly cores: number;
  readonly node: string;
  /** `linux 6.8.0 x64`. */
  readonly os: string;
  readonly memoryGb: number;
};

/**
 * Describes this machine: CPU model, logical cores, Node version, OS and memory.
 *
 * @example
 * describeMachine(); // { cpuModel: 'Intel(R) Xeon(R) …', cores: 2, node: 'v20.20.2', … }
 */
export function describeMachine(): MachineDescription {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
  };
}
