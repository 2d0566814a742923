import semver from "semver";

/** Pad a PEP 440 release ("0.5" → "0.5.0"); drops local/dev suffixes semver cannot order. */
function padRelease(v: string): string | null {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v.trim());
  if (!m) return null;
  return `${m[1]}.${m[2] ?? "0"}.${m[3] ?? "0"}`;
}

/**
 * Translate a PEP 440 specifier set (`>=0.5,<0.7`, `~=0.12.3`, `==0.13.*`) or a bare version into a
 * semver range. Returns null when it cannot be understood. Pure.
 */
export function pep440ToSemverRange(spec: string): string | null {
  const trimmed = spec.trim();
  if (trimmed === "" || trimmed === "*" || trimmed.toLowerCase() === "latest") return "*";
  const parts: string[] = [];
  for (const raw of trimmed.split(",")) {
    const clause = raw.trim();
    const m = /^(===|==|!=|~=|>=|<=|>|<)?\s*v?([0-9][0-9A-Za-z.*+-]*)$/.exec(clause);
    if (!m) return null;
    const op = m[1] ?? "==";
    const ver = m[2];
    if (ver.endsWith(".*")) {
      const base = ver.slice(0, -2);
      if (op === "==") parts.push(`${base}.x`);
      else if (op === "!=") {
        const p = padRelease(base);
        if (!p) return null;
        const segs = base.split(".").length;
        const upper = segs === 1 ? semver.inc(p, "major") : semver.inc(p, segs === 2 ? "minor" : "patch");
        parts.push(`<${p} || >=${upper}`);
      } else return null;
      continue;
    }
    const p = padRelease(ver);
    if (!p) return null;
    switch (op) {
      case "==":
      case "===":
        parts.push(p);
        break;
      case "!=":
        parts.push(`<${p} || >${p}`);
        break;
      case "~=": {
        const segs = ver.split(".").length;
        if (segs < 2) return null;
        const upper = segs === 2 ? semver.inc(p, "major") : semver.inc(p, "minor");
        parts.push(`>=${p} <${upper}`);
        break;
      }
      default:
        parts.push(`${op}${p}`);
    }
  }
  // semver has no "and" across `||`; only simple conjunctions are combined.
  if (parts.some((p) => p.includes("||")) && parts.length > 1) return null;
  const range = parts.join(" ");
  return semver.validRange(range) ? range : null;
}

/** Is `spec` one exact version (PEP 440 `==X` or a bare `X.Y.Z`)? Returns it, else null. Pure. */
export function exactVersion(spec: string): string | null {
  const m = /^\s*(?:===?)?\s*v?(\d+\.\d+\.\d+)\s*$/.exec(spec);
  return m ? m[1] : null;
}

/** Does `version` satisfy the PEP 440 (or semver) spec? Unknown syntax never matches. Pure. */
export function satisfies(version: string, spec: string): boolean {
  const range = pep440ToSemverRange(spec) ?? semver.validRange(spec);
  const v = semver.coerce(version)?.version;
  return range !== null && v !== undefined && semver.satisfies(v, range);
}

/** Pick the version to install: an exact spec as is, else the best candidate that satisfies it. Pure. */
export function chooseVersion(spec: string, candidates: string[]): string | null {
  const exact = exactVersion(spec);
  if (exact) return exact;
  const range = pep440ToSemverRange(spec) ?? semver.validRange(spec);
  if (range === null) return null;
  return semver.maxSatisfying(candidates, range);
}
