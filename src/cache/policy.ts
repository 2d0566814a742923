export type SaveSetting = "auto" | "true" | "false";

/**
 * Whether to save caches. `auto` never saves on events where an untrusted ref could poison a cache
 * the default branch later restores: pull_request_target, release, tag pushes and workflow_run
 * (the same set setup-uv v10 turned off). `true` opts in everywhere, `false` never saves. Pure.
 */
export function saveAllowed(setting: SaveSetting, eventName: string, ref: string): { save: boolean; reason: string } {
  if (setting === "false") return { save: false, reason: "save-cache: false" };
  if (setting === "true") return { save: true, reason: "save-cache: true" };
  if (eventName === "pull_request_target" || eventName === "release" || eventName === "workflow_run") {
    return { save: false, reason: `not saved on ${eventName} events (cache poisoning); set save-cache: true to opt in` };
  }
  if (eventName === "push" && ref.startsWith("refs/tags/")) {
    return { save: false, reason: "not saved on tag pushes (cache poisoning); set save-cache: true to opt in" };
  }
  return { save: true, reason: "" };
}
