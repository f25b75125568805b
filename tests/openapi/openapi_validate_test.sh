#!/usr/bin/env bash
# Validates templates/openapi.json (served as /api/v1/openapi.json) against the official
# OpenAPI 3.0 schema, with JSON::Validator (Debian: libjson-validator-perl, which reads the
# schema of the openapi-specification package). Skips (exit 77) when it is not installed.
set -euo pipefail
document="$(cd "$(dirname "$0")/../.." && pwd)/templates/openapi.json"
if ! perl -MJSON::Validator::Schema::OpenAPIv3 -e 1 2>/dev/null; then
  echo "JSON::Validator (libjson-validator-perl) not installed: skipped"
  exit 77
fi
perl -MJSON::Validator::Schema::OpenAPIv3 -e '
  my $schema = JSON::Validator::Schema::OpenAPIv3->new($ARGV[0]);
  my @errors = @{$schema->errors};
  print "$_\n" for @errors;
  print "valid OpenAPI $schema->{data}{openapi}\n" unless @errors;
  exit(@errors ? 1 : 0);' "$document"
