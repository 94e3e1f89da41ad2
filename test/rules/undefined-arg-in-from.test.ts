import rule from "../../src/rules/catalog/undefined-arg-in-from.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "ARG V=3.12\nFROM python:${V}\n",
    { name: "declared without a value", code: "ARG DEBUG\nFROM scratch${DEBUG}\n" },
    "FROM --platform=$BUILDPLATFORM golang AS b\n",
    "ARG DEBUG\nFROM scra${DEBUG:-tch}\n",
  ],
  invalid: [
    {
      code: "FROM python:${PY_VERSION}-slim\n",
      errors: [{ line: 1, column: 13, endColumn: 26, message: "FROM argument 'PY_VERSION' is not declared" }],
    },
    {
      code: "ARG BASE=alpine\nFROM alpine\nFROM --platform=$BULIDPLATFORM ${BSAE}\n",
      errors: [
        { line: 3, column: 17, message: /BULIDPLATFORM.*did you mean BUILDPLATFORM/ },
        { line: 3, column: 32, message: "FROM argument 'BSAE' is not declared (did you mean BASE?)" },
      ],
    },
    {
      name: "a stage ARG is not visible in FROM",
      code: "FROM a\nARG X=b\nFROM $X\n",
      errors: [{ line: 3, column: 6 }],
    },
  ],
});
