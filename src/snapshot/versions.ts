import { pythonFlags } from "./flags.js";

/**
 * Which Pyodide the Workers runtime runs a Python Worker on, by compatibility flag and date.
 *
 * Source: workerd `build/python_metadata.bzl` (read 2026-08-22) and `compatibility-date.capnp`
 * (python_workers_20250116 is implied from 2025-09-29), as summarised in
 * shared/reference/pywrangler-and-snapshots.md. The runtime's 0.26.0a2 was never published to npm;
 * 0.26.0 is the nearest release with the same Python (3.12). Integrity values are npm's
 * `dist.integrity` for each tarball, pinned here so the download is verified without a metadata call.
 */
export interface PyodideRelease {
  /** The compatibility flag that selects it (newest first in PYODIDE_RELEASES). */
  flag: string;
  /** The Pyodide version the runtime uses. */
  runtime: string;
  /** The npm `pyodide` version the check loads. */
  npm: string;
  python: string;
  integrity: string;
  /** Implied by this compatibility date and later, without the flag. */
  impliedFrom?: string;
}

export const PYODIDE_RELEASES: readonly PyodideRelease[] = [
  {
    flag: "python_workers_20260817",
    runtime: "314.0.5",
    npm: "314.0.5",
    python: "3.14",
    integrity: "sha512-Dl5rvbSMQP0hC3Yp61F+lr4o1vwrWZpapmJajt4KTlGWTeso7WLAp6HOIMC+26NeXjCCEF8dXw7FJ0nfQRTyPg==",
  },
  {
    flag: "python_workers_20260610",
    runtime: "314.0.4",
    npm: "314.0.4",
    python: "3.14",
    integrity: "sha512-fMexKS5P/s8iTjczevLUv/aWq9i5yaGvBTpBW6gM+nzDNelfPpREma/xdDK2AAGebAuKnBJk7fyVP6RBlz4btg==",
  },
  {
    flag: "python_workers_20250116",
    runtime: "0.28.2",
    npm: "0.28.2",
    python: "3.13",
    impliedFrom: "2025-09-29",
    integrity: "sha512-2BrZHrALvhYZfIuTGDHOvyiirHNLziHfBiBb1tpBFzLgAvDBb2ACxNPFFROCOzLnqapORmgArDYY8mJmMWH1Eg==",
  },
  {
    flag: "python_workers",
    runtime: "0.26.0a2",
    npm: "0.26.0",
    python: "3.12",
    integrity: "sha512-6thkjsvbvebqNlb2mtkVF5ODcWUYT0lVuOgww4cfEJFVM0J3MtTNPznVahVDzKOdCwSWvCfAqeEqP0wR6jj5uQ==",
  },
];

/**
 * The release the runtime selects for a Worker's compatibility date and flags: the newest
 * `$pythonSnapshotRelease` flag that is on, after enable/disable flags and implied dates
 * (compatibility-date.capnp:655-659, 1578-1582, 1654-1659; `no_python_workers_*` turn one off). Pure.
 */
export function pyodideFor(compatibilityDate: string, flags: readonly string[]): PyodideRelease {
  const f = pythonFlags(compatibilityDate, flags);
  const on: Record<string, boolean> = {
    python_workers_20260817: f.workers20260817,
    python_workers_20260610: f.workers20260610,
    python_workers_20250116: f.workers20250116,
  };
  return PYODIDE_RELEASES.find((r) => on[r.flag]) ?? PYODIDE_RELEASES[PYODIDE_RELEASES.length - 1];
}

/**
 * Since 2025-08-14 (`python_no_global_handlers`, capnp:915-920) top-level `on_fetch` & co. are not
 * handlers; `disable_python_no_global_handlers` keeps them. Pure.
 */
export function classHandlersRequired(compatibilityDate: string, flags: readonly string[]): boolean {
  return pythonFlags(compatibilityDate, flags).noGlobalHandlers;
}
