import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { CLOUDFLARE_MODULE_EXPORTS, cloudflareModule } from "../../src/snapshot/js-modules.js";

const WORKERD = "/work/.mirror/cloudflare+workerd/repo";

describe("cloudflareModule (workerd src/cloudflare/*.ts)", () => {
  it("gives cloudflare:vectorize its three tables with the runtime's values", () => {
    const m = cloudflareModule("cloudflare:vectorize")!;
    expect(Object.keys(m).sort()).toEqual(["DistanceMetric", "KnownModel", "MetadataRetrievalLevel"]);
    expect(m.DistanceMetric).toEqual({ EUCLIDEAN: "euclidean", COSINE: "cosine", DOT_PRODUCT: "dot-product" });
    expect(m.MetadataRetrievalLevel).toEqual({ ALL: "all", INDEXED: "indexed", NONE: "none" });
    expect((m.KnownModel as Record<string, string>)["@cf/baai/bge-base-en-v1.5"]).toBe("@cf/baai/bge-base-en-v1.5");
  });

  it("makes classes constructors, functions callable and objects objects; overrides win", () => {
    const env = { FOO: "BAR" };
    const m = cloudflareModule("cloudflare:workers", { env })!;
    expect(m.env).toBe(env);
    expect(typeof m.WorkerEntrypoint).toBe("function");
    expect((m.WorkerEntrypoint as { name: string }).name).toBe("WorkerEntrypoint");
    expect(new (m.RpcTarget as new () => object)()).toBeInstanceOf(m.RpcTarget as new () => object);
    expect(typeof m.withEnv).toBe("function");
    expect(typeof m.cache).toBe("object");
    expect(Object.keys(cloudflareModule("cloudflare:ai")!)).toContain("AiGateway");
  });

  it("is undefined for names that are not built-in cloudflare: modules", () => {
    expect(cloudflareModule("cloudflare:nope")).toBeUndefined();
    expect(cloudflareModule("./my-module.js")).toBeUndefined();
  });

  // Holds the table against the runtime's source where the workerd mirror is on this machine.
  const mirror = fs.existsSync(WORKERD) ? it : it.skip;
  mirror("lists exactly the value exports of each src/cloudflare/<name>.ts at the mirrored release", () => {
    const files = execFileSync("git", ["-C", WORKERD, "ls-tree", "--name-only", "HEAD", "src/cloudflare/"], { encoding: "utf8" })
      .split("\n")
      .filter((f) => /^src\/cloudflare\/[a-z-]+\.ts$/.test(f));
    const modules = files.map((f) => `cloudflare:${f.slice("src/cloudflare/".length, -3)}`).sort();
    expect(Object.keys(CLOUDFLARE_MODULE_EXPORTS).sort()).toEqual(modules);
    for (const f of files) {
      const text = execFileSync("git", ["-C", WORKERD, "show", `HEAD:${f}`], { encoding: "utf8" });
      const names = new Set<string>();
      for (const m of text.matchAll(/^export (?:async )?(?:const|function|class) (\w+)/gm)) names.add(m[1]);
      for (const m of text.matchAll(/^export const \{ (\w+) \}/gm)) names.add(m[1]);
      for (const block of text.matchAll(/^export \{([^}]*)\}/gm)) {
        for (const part of block[1].split(",")) {
          const n = part.trim();
          if (n && !n.startsWith("type ")) names.add(n.split(/\s+as\s+/).pop()!);
        }
      }
      const mod = `cloudflare:${f.slice("src/cloudflare/".length, -3)}`;
      expect({ mod, names: [...names].sort() }).toEqual({ mod, names: [...CLOUDFLARE_MODULE_EXPORTS[mod]].sort() });
    }
  });
});
