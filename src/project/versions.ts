import * as pep440 from "@renovatebot/pep440";
import semver from "semver";

/**
 * A spec as a PEP 440 specifier set (`>=0.5,<0.7`, `~=0.12.3`, `==0.13.*`); a bare version is
 * `==` it, an empty spec, `*` or `latest` anything. Null when it is not PEP 440. Pure.
 */
function pep440Specifier(spec: string): string | null {
  const s = spec.trim();
  if (s === "" || s === "*" || s.toLowerCase() === "latest") return ">=0";
  if (pep440.valid(s)) return `==${s}`;
  return pep440.validRange(s) ? s : null;
}

/** Is `spec` one exact version (PEP 440 `==X` or a bare `X.Y.Z`)? Returns it, else null. Pure. */
export function exactVersion(spec: string): string | null {
  const m = /^\s*(?:===?)?\s*v?(\d+\.\d+\.\d+)\s*$/.exec(spec);
  return m ? m[1] : null;
}

/** Does `version` satisfy the PEP 440 (or, failing that, semver) spec? Unknown syntax never matches. Pure. */
export function satisfies(version: string, spec: string): boolean {
  const pep = pep440Specifier(spec);
  if (pep) return pep440.satisfies(version, pep);
  const range = semver.validRange(spec);
  const v = semver.coerce(version)?.version;
  return range !== null && v !== undefined && semver.satisfies(v, range);
}

/** Pick the version to install: an exact spec as is, else the best candidate that satisfies it. Pure. */
export function chooseVersion(spec: string, candidates: string[]): string | null {
  const exact = exactVersion(spec);
  if (exact) return exact;
  const pep = pep440Specifier(spec);
  if (pep) return pep440.maxSatisfying(candidates, pep);
  const range = semver.validRange(spec);
  return range === null ? null : semver.maxSatisfying(candidates, range);
}
