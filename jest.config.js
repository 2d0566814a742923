// Unit tests (pure logic, mirroring src/) and end-to-end tests (the committed dist/ under Node 24
// against loopback stand-ins) are separate projects: `--selectProjects unit|e2e`.
const common = {
  preset: "ts-jest/presets/default-esm",
  testEnvironment: "node",
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: { "^.+\\.ts$": ["ts-jest", { useESM: true }], "^.+\\.ya?ml$": "<rootDir>/scripts/yaml-transform.cjs" },
  moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json", "yml"],
  transformIgnorePatterns: ["node_modules/(?!(@actions)/)"],
};

export default {
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/__tests__/**/*.test.ts"], testPathIgnorePatterns: ["/e2e/"] },
    { ...common, displayName: "e2e", testMatch: ["<rootDir>/__tests__/e2e/**/*.test.ts"] },
  ],
};
