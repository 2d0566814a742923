/**
 * The compatibility flags the Workers runtime's Python layer reads, resolved from a Worker's
 * compatibility date and flags as workerd does (enable flag, disable flag, enable date,
 * `impliedByAfterDate`). Every entry cites workerd `src/workerd/io/compatibility-date.capnp`
 * (Release 2026-08-22). Pure.
 */
export interface PythonFlags {
  /** python_workers_20250116 (0.28.2), capnp:655-659. */
  workers20250116: boolean;
  /** python_workers_20260610 (314.0.4), capnp:1578-1582. */
  workers20260610: boolean;
  /** python_workers_20260817 (314.0.5), capnp:1654-1659. */
  workers20260817: boolean;
  /** python_no_global_handlers, capnp:915-920; read in metadata.ts:50-58. */
  noGlobalHandlers: boolean;
  /** python_workers_force_new_vendor_path, capnp:936-940; metadata.ts:52-59 (LEGACY_VENDOR_PATH = !flag). */
  forceNewVendorPath: boolean;
  /** python_dedicated_snapshot, capnp:961-967; metadata.ts:54. */
  dedicatedSnapshot: boolean;
  /** python_check_rng_state, capnp:1225-1228; topLevelEntropy/lib.ts:143-155. */
  checkRngState: boolean;
  /** python_process_pth_files, capnp:1553-1561; metadata.ts:61, topLevelEntropy/lib.ts:100-105. */
  processPthFiles: boolean;
  /** enable_python_external_sdk, capnp:1199-1203. */
  externalSdk: boolean;
}

interface FlagRule {
  enable: string;
  disable?: string;
  /** $compatEnableDate */
  date?: string;
  /** $impliedByAfterDate(name, date): on when `by` is on and the date is at or after `date`. */
  implied?: { by: keyof PythonFlags | "pythonWorkers"; date: string };
}

const RULES: Record<keyof PythonFlags, FlagRule> = {
  workers20250116: { enable: "python_workers_20250116", disable: "no_python_workers_20250116", implied: { by: "pythonWorkers", date: "2025-09-29" } },
  workers20260610: { enable: "python_workers_20260610", disable: "no_python_workers_20260610" },
  workers20260817: { enable: "python_workers_20260817", disable: "no_python_workers_20260817" },
  noGlobalHandlers: { enable: "python_no_global_handlers", disable: "disable_python_no_global_handlers", date: "2025-08-14" },
  forceNewVendorPath: { enable: "python_workers_force_new_vendor_path", date: "2025-08-11" },
  dedicatedSnapshot: { enable: "python_dedicated_snapshot", disable: "disable_python_dedicated_snapshot", implied: { by: "workers20250116", date: "2025-10-16" } },
  checkRngState: { enable: "python_check_rng_state", disable: "disable_python_check_rng_state", implied: { by: "pythonWorkers", date: "2025-12-16" } },
  processPthFiles: { enable: "python_process_pth_files", disable: "disable_python_process_pth_files", date: "2026-05-26" },
  externalSdk: { enable: "enable_python_external_sdk", disable: "disable_python_external_sdk", date: "2026-04-21" },
};

/** Resolve the Python flags for a compatibility date and flag list. Pure. */
export function pythonFlags(date: string, flags: readonly string[]): PythonFlags {
  const has = (f: string) => flags.includes(f);
  // python_workers is implied by python_workers_development from 2000-01-01 (capnp:405-408).
  const pythonWorkers = has("python_workers") || has("python_workers_development");
  const out = {} as PythonFlags;
  const resolve = (key: keyof PythonFlags): boolean => {
    const r = RULES[key];
    if (has(r.enable)) return true;
    if (r.disable && has(r.disable)) return false;
    if (r.date && date >= r.date) return true;
    if (r.implied) {
      const on = r.implied.by === "pythonWorkers" ? pythonWorkers : resolve(r.implied.by);
      if (on && date >= r.implied.date) return true;
    }
    return false;
  };
  for (const key of Object.keys(RULES) as Array<keyof PythonFlags>) out[key] = resolve(key);
  return out;
}
