import rule from "../../src/rules/catalog/go-unpinned-module.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1\n",
    {
      name: "go get with versions and a commit",
      code: "FROM golang:1.23\nRUN go get golang.org/x/tools@v0.26.0 github.com/x/y@abcdef1\n",
    },
    {
      name: "local paths, .go files, main-module and standard-library paths",
      code: "FROM golang:1.23\nRUN go install . ./cmd/... /src/x && go run main.go && go install myapp/cmd/server && go get fmt && go get -d ./...\n",
    },
    {
      name: "values of -ldflags, -tags and -o are not packages",
      code: "FROM golang:1.23\nRUN go install -tags netgo -ldflags '-s -w' -o /bin/app ./cmd/app && go install -ldflags=\"-s\" github.com/x/y@v1.2.3\n",
    },
    {
      name: "go run: only the package, not the program's arguments",
      code: "FROM golang:1.23\nRUN go run github.com/x/gen@v1.0.0 github.com/foo/bar\n",
    },
    {
      name: "ARG-based version",
      code: "FROM golang:1.23\nARG DLV_VERSION=v1.23.1\nRUN go install github.com/go-delve/delve/cmd/dlv@${DLV_VERSION}\n",
    },
    {
      name: "other go commands",
      code: "FROM golang:1.23\nRUN go build -o /app . && go mod download && go vet github.com/x/y\n",
    },
  ],
  invalid: [
    {
      code: "FROM golang:1.23\nRUN go install github.com/x/y\n",
      errors: [
        {
          line: 2,
          column: 16,
          endColumn: 30,
          message: "`github.com/x/y` is not pinned: use `github.com/x/y@<version>`",
        },
      ],
    },
    {
      name: "@latest after a flag value",
      code: "FROM golang:1.23\nRUN CGO_ENABLED=0 go install -ldflags '-s -w' github.com/go-delve/delve/cmd/dlv@latest\n",
      errors: [
        {
          line: 2,
          column: 47,
          endColumn: 87,
          message:
            "`github.com/go-delve/delve/cmd/dlv@latest` is not pinned: `@latest` is not a fixed version; use `github.com/go-delve/delve/cmd/dlv@<version>`",
        },
      ],
    },
    {
      name: "floating queries hadolint accepts: @upgrade, @patch; and @none",
      code: "FROM golang:1.23\nRUN go get -u github.com/x/y@upgrade github.com/x/z@patch github.com/x/w@none\n",
      errors: [
        { line: 2, column: 15, endColumn: 37 },
        { line: 2, column: 38, endColumn: 58 },
        { line: 2, column: 59, endColumn: 78 },
      ],
    },
    {
      name: "a default branch floats (hadolint accepts it)",
      code: "FROM golang:1.23\nRUN go install github.com/x/a@master github.com/x/b@main github.com/x/c@HEAD\n",
      errors: [
        { line: 2, column: 16, endColumn: 37, message: /`@master` is not a fixed version/ },
        { line: 2, column: 38, endColumn: 57 },
        { line: 2, column: 58, endColumn: 77 },
      ],
    },
    {
      name: "go run checks its package only",
      code: "FROM golang:1.23\nRUN go run github.com/x/gen -out github.com/foo/bar\n",
      errors: [{ line: 2, column: 12, endColumn: 28 }],
    },
    {
      name: "a domain path without a version suffix",
      code: "FROM golang:1.23\nRUN go get gopkg.in/yaml.v3\n",
      errors: [{ line: 2, column: 12, endColumn: 28 }],
    },
    {
      name: "sudo with a continuation comment, sh -c, heredoc, exec form",
      code: 'FROM golang:1.23\nRUN sudo go install \\\n    # tool\n    github.com/x/a\nRUN sh -c \'go install github.com/x/b@latest\'\nRUN <<EOT\ngo install github.com/x/c\nEOT\nRUN ["go", "install", "github.com/x/d"]\n',
      errors: [
        { line: 4, column: 5, endColumn: 19 },
        { line: 5, column: 23, endColumn: 44 },
        { line: 7, column: 12, endColumn: 26 },
        { line: 9, column: 24, endColumn: 38 },
      ],
    },
  ],
});
