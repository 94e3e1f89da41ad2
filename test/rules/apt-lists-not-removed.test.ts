import rule from "../../src/rules/catalog/apt-lists-not-removed.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists\n",
    {
      name: "cache mount on the lists",
      code: "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n",
    },
    {
      name: "not the shipped stage",
      code: "FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian\nCOPY --from=build /x /x\n",
    },
    "FROM debian\nRUN apt-get install -y ./x.deb\n",
  ],
  invalid: [
    {
      code: "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
      errors: [{ line: 2, column: 5, endColumn: 19, message: /apt lists/ }],
      output: "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    },
    {
      name: "rm of another folder; continuation kept; sudo kept",
      code: "FROM debian\nRUN sudo apt-get update \\\n && sudo apt-get install -y curl \\\n && rm -rf /tmp/x\n",
      errors: [{ line: 2, column: 10, endColumn: 24 }],
      output:
        "FROM debian\nRUN sudo apt-get update \\\n && sudo apt-get install -y curl && sudo rm -rf /var/lib/apt/lists/* \\\n && rm -rf /tmp/x\n",
    },
    {
      name: "removal before the update does not count; base of a later stage",
      code: "FROM debian AS base\nRUN rm -rf /var/lib/apt/lists/* && apt update && apt install -y x || true\nFROM base\n",
      errors: [{ line: 2, column: 36, endColumn: 46 }],
      output:
        "FROM debian AS base\nRUN rm -rf /var/lib/apt/lists/* && apt update && apt install -y x && rm -rf /var/lib/apt/lists/* || true\nFROM base\n",
    },
    {
      name: "a later install relies on the lists: unsafe fix",
      code: "FROM debian\nRUN apt-get update\nRUN apt-get install -y curl\n",
      errors: [{ line: 2 }],
      output: "FROM debian\nRUN apt-get update\nRUN apt-get install -y curl\n",
    },
    {
      name: "an install in a stage built on this one relies on the lists too: unsafe fix",
      code: "FROM debian:trixie-slim AS base\nRUN apt-get update && apt-get install -y curl\nFROM base AS mid\nFROM mid\nRUN apt-get install -y git\n",
      errors: [{ line: 2 }],
      output:
        "FROM debian:trixie-slim AS base\nRUN apt-get update && apt-get install -y curl\nFROM base AS mid\nFROM mid\nRUN apt-get install -y git\n",
    },
    {
      name: "a later apt-get build-dep reads the lists too",
      code: "FROM debian\nRUN apt-get update\nRUN apt-get build-dep -y python3\n",
      errors: [{ line: 2 }],
      output: "FROM debian\nRUN apt-get update\nRUN apt-get build-dep -y python3\n",
    },
  ],
});
