import rule from "../../src/rules/catalog/invalid-base-image.js";
import { ruleTester } from "../helpers/rule-tester.js";

const DIGEST = "a".repeat(64);

ruleTester(rule, {
  valid: [
    "FROM alpine:3.20\n",
    "FROM ghcr.io/org/app:1.2\n",
    `FROM python:3.12-slim@sha256:${DIGEST}\n`,
    "FROM localhost:5000/team/app\n",
    { name: "an upper-case first part is a registry host", code: "FROM MyRegistry/app:1\n" },
    "FROM scratch\n",
    { name: "quotes are removed before the name is parsed", code: 'FROM "gcr.io/distroless/static-debian13"\n' },
    "FROM alpine AS build\nFROM build\n",
    { name: "references built from ARGs are invalid-default-arg-in-from's", code: "ARG V\nFROM golang:$V\n" },
    { name: "so are upper-case ARG defaults", code: "ARG IMAGE=Alpine\nFROM ${IMAGE}\n" },
  ],
  invalid: [
    {
      name: "upper-case repository: Docker's message, with library/",
      code: "FROM Alpine:3.20\n",
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 17,
          severity: "error",
          message:
            'Invalid base image "Alpine:3.20": the repository name "Alpine" has upper-case letters, and repository names must be lower case; Docker fails the build with: failed to parse stage name "Alpine:3.20": invalid reference format: repository name (library/Alpine) must be lowercase',
        },
      ],
    },
    {
      name: "a second colon",
      code: "FROM alpine:3.20:x\n",
      errors: [
        {
          line: 1,
          message:
            /^Invalid base image "alpine:3.20:x": it has more than one ":", so the tag would be "3.20:x": a tag is .*failed to parse stage name "alpine:3.20:x": invalid reference format$/,
        },
      ],
    },
    {
      name: "upper case after a registry",
      code: "FROM ghcr.io/Org/app:1\n",
      errors: [
        {
          line: 1,
          message: /repository name "Org\/app" has upper-case.*repository name \(Org\/app\) must be lowercase$/,
        },
      ],
    },
    {
      name: "a stage written with upper case is an image",
      code: "FROM alpine:3.20 AS build\nFROM Build\n",
      errors: [{ line: 2, message: /\(FROM names the stage `build` only when written in lower case: `FROM build`\)/ }],
    },
    {
      name: "Scratch is not scratch",
      code: "FROM Scratch\n",
      errors: [{ line: 1, message: /repository name \(library\/Scratch\) must be lowercase/ }],
    },
    {
      name: "the name is shown as BuildKit parses it, without quotes",
      code: 'FROM "Alpine"\n',
      errors: [{ line: 1, message: /^Invalid base image "Alpine": .*failed to parse stage name "Alpine": / }],
    },
    {
      code: "FROM alpine:\n",
      errors: [{ line: 1, message: /the tag after ":" is empty; .*invalid reference format$/ }],
    },
    { code: "FROM alpine:-3\n", errors: [{ line: 1, message: /the tag "-3" is not valid/ }] },
    { code: "FROM my-app-:1\n", errors: [{ line: 1, message: /"my-app-" is not a valid part of a repository name/ }] },
    { code: "FROM team//app\n", errors: [{ line: 1, message: /has an empty part/ }] },
    {
      code: "FROM my_host:5000/app\n",
      errors: [{ line: 1, message: /the registry "my_host:5000" is not a host name/ }],
    },
    { code: "FROM python@sha256:abc\n", errors: [{ line: 1, message: /the digest "sha256:abc" is not/ }] },
    {
      code: `FROM python@sha1:${"a".repeat(40)}\n`,
      errors: [{ line: 1, message: /"sha1" is not sha256, sha384 or sha512; .*: unsupported digest algorithm$/ }],
    },
    {
      code: `FROM python@sha512:${DIGEST}\n`,
      errors: [
        { line: 1, message: /a sha512 digest has 128 hexadecimal digits, not 64; .*invalid checksum digest length$/ },
      ],
    },
    {
      code: `FROM ${DIGEST}\n`,
      errors: [{ line: 1, message: /image id.*cannot specify 64-byte hexadecimal strings$/ }],
    },
  ],
});
