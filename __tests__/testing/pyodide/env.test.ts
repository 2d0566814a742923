import { describe, expect, it } from "@jest/globals";
import { placeholderSecret, testEnv, wranglerVars } from "../../../src/testing/pyodide/env.js";

const RAW = {
  name: "w",
  vars: { GREETING: "Hello", LIMITS: { max: 3 }, DEBUG: false },
  env: { staging: { vars: { GREETING: "Hi" } }, bare: { name: "w-bare" } },
};

describe("wranglerVars", () => {
  it("takes the top level without an environment, JSON values as they are", () => {
    expect(wranglerVars(RAW, "")).toEqual({ GREETING: "Hello", LIMITS: { max: 3 }, DEBUG: false });
  });
  it("takes only the environment's own vars (vars are not inherited)", () => {
    expect(wranglerVars(RAW, "staging")).toEqual({ GREETING: "Hi" });
    expect(wranglerVars(RAW, "bare")).toEqual({});
    expect(wranglerVars({}, "")).toEqual({});
  });
});

describe("testEnv", () => {
  it("adds a placeholder per secret, never a value, and a secret shadows a var", () => {
    const env = testEnv({ GREETING: "Hello", API_TOKEN: "from-vars" }, ["API_TOKEN", "DB_PASSWORD"]);
    expect(env).toEqual({ GREETING: "Hello", API_TOKEN: "placeholder-api-token", DB_PASSWORD: "placeholder-db-password" });
    expect(placeholderSecret("My_Key.2")).toBe("placeholder-my-key-2");
  });
});
