// Jest transform: a YAML file (action.yml) as a module exporting its parsed content, the way
// scripts/bundle.mjs hands it to the bundle.
const YAML = require("yaml");

module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(YAML.parse(source))};` };
  },
};
