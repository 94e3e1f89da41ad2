import rule from "../../src/rules/catalog/gem-unpinned-package.js";
import { ruleTester } from "../helpers/rule-tester.js";

ruleTester(rule, {
  valid: [
    "FROM ruby:3.3-slim\nRUN gem install bundler:2.5.22\n",
    {
      name: "-v, --version, --version= and -v attached",
      code: "FROM ruby:3.3-slim\nRUN gem install rails -v 7.1.0 && gem install rake --version '~> 13.0' && gem i x --version=1 && gem i y -v2.0\n",
    },
    { name: "local .gem file", code: "FROM ruby:3.3-slim\nRUN gem i ./local.gem\n" },
    {
      name: "values of -i and --bindir are not gems",
      code: "FROM ruby:3.3-slim\nRUN gem install -N -i /opt/gems --bindir /usr/local/bin rake:13.2.1\n",
    },
    {
      name: "ARG-based version",
      code: 'FROM ruby:3.3-slim\nARG BUNDLER_VERSION=2.5.22\nRUN gem install bundler:$BUNDLER_VERSION && gem install rake -v "$RAKE_VERSION"\n',
    },
    { name: "not an install", code: "FROM ruby:3.3-slim\nRUN gem update --system && gem list rake\n" },
  ],
  invalid: [
    {
      code: "FROM ruby:3.3-slim\nRUN gem install bundler\n",
      errors: [
        {
          line: 2,
          column: 17,
          endColumn: 24,
          message: "`bundler` is not pinned: install a fixed version with `bundler:<version>` or `-v <version>`",
        },
      ],
    },
    {
      name: "one pinned, one not",
      code: "FROM ruby:3.3-slim\nRUN gem install --no-document bundler:2.5.22 rake --source https://rubygems.org\n",
      errors: [{ line: 2, column: 46, endColumn: 50 }],
    },
    {
      name: "sudo gem i; continuation with a comment",
      code: "FROM ruby:3.3-slim\nRUN sudo gem i \\\n    # tools\n    rake\n",
      errors: [{ line: 4, column: 5, endColumn: 9 }],
    },
    {
      name: "sh -c, heredoc and exec form",
      code: 'FROM ruby:3.3-slim\nRUN sh -c \'gem install rake\'\nRUN <<EOT\ngem install rubocop\nEOT\nRUN ["gem", "install", "pry"]\n',
      errors: [
        { line: 2, column: 24, endColumn: 28 },
        { line: 4, column: 13, endColumn: 20 },
        { line: 6, column: 25, endColumn: 28 },
      ],
    },
  ],
});
