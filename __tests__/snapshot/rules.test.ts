import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "@jest/globals";
import { measureBundle, nativeKind, scanNativeExtensions } from "../../src/snapshot/rules.js";
import { parseSize } from "../../src/util/units.js";

describe("nativeKind", () => {
  it("knows host binaries and lets wasm through", () => {
    expect(nativeKind(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).toBe("ELF (Linux)");
    expect(nativeKind(Buffer.from([0xcf, 0xfa, 0xed, 0xfe]))).toBe("Mach-O (macOS)");
    expect(nativeKind(Buffer.from([0x4d, 0x5a, 0x90, 0x00]))).toBe("PE (Windows)");
    expect(nativeKind(Buffer.from([0x00, 0x61, 0x73, 0x6d]))).toBeUndefined();
    expect(nativeKind(Buffer.from("text"))).toBeUndefined();
  });
});

describe("parseSize", () => {
  it.each([
    ["64 MiB", 64 * 1024 * 1024],
    ["10MB", 10_000_000],
    ["50 KiB", 51_200],
    ["5000000", 5_000_000],
  ])("%s → %d", (text, n) => expect(parseSize(text)).toBe(n));
  it("returns null for nonsense", () => expect(parseSize("big")).toBeNull());
});

describe("measureBundle and scanNativeExtensions", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-bundle-"));
  const put = (f: string, data: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), data);
  };
  put("src/entry.py", "print(1)\n");
  put("src/data.txt", "hello");
  put("src/notes.md", "not a module");
  put("src/__pycache__/entry.cpython-313.pyc", "xx");
  put("python_modules/pkg/__init__.py", "x = 1\n");
  put("python_modules/pkg/__pycache__/a.pyc", "compiled");
  put("python_modules/.synced", "1.17.9");
  put("python_modules/good.cpython-313-wasm32-emscripten.so", Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  put("python_modules/bad.cpython-313-x86_64-linux-gnu.so", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]));
  put("pyproject.toml", "[project]\n");

  it("counts the modules wrangler uploads (rules in the module root, python_modules minus .pyc)", () => {
    const m = measureBundle(root, "src/entry.py");
    const counted = ["src/entry.py", "src/data.txt"].concat([
      "python_modules/pkg/__init__.py",
      "python_modules/.synced",
      "python_modules/good.cpython-313-wasm32-emscripten.so",
      "python_modules/bad.cpython-313-x86_64-linux-gnu.so",
    ]);
    const total = counted.reduce((n, f) => n + fs.statSync(path.join(root, f)).size, 0);
    expect(m.raw).toBe(total);
    expect(m.files).toBe(6);
    expect(m.gzip).toBeGreaterThan(0);
    expect(m.gzip).toBeLessThan(zlib.gzipSync(Buffer.alloc(m.raw)).length + 100);
  });

  it("flags host-built extensions only", () => {
    expect(scanNativeExtensions(root)).toEqual([
      { rule: "native-extension", file: "python_modules/bad.cpython-313-x86_64-linux-gnu.so", line: 1, message: expect.stringContaining("ELF (Linux) library built for the host") },
    ]);
  });
});
