import { readFileSync } from 'node:fs';

/**
 * This process's peak resident memory in MB. On Linux, from VmHWM: getrusage's maxrss of a child started by
 * fork and exec keeps the parent's size at the fork, so a large benchmark parent would show in every child.
 */
export const peakMb = (): number => {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: maxrss is the best there is.
  }
  return process.resourceUsage().maxRSS / 1024;
};
