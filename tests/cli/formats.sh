#!/bin/sh
# tests/cli/formats.sh — the output formats: tsv (the canonical text, the
# default when stdout is not a terminal), csv (RFC 4180), json, ndjson
# (typed values), table (aligned, with a row count).
set -u
. "$(dirname "$0")/common.inc"

run -c 'print n = 1, s = "a b", b = true, r = 2.5'
expect_out "tsv by default" 'n\ts\tb\tr\n1\ta b\ttrue\t2.5\n'

run --format tsv -c 'print e = ""'
expect_out "tsv: a lone empty value stays empty" 'e\n\n'

run --format tsv -c 'datatable(a:long, b:string) [1, "x", 2, ""] | order by a asc'
expect_out "tsv: rows and an empty value" 'a\tb\n1\tx\n2\t\n'

run --format csv -c 'print s = "a,b", q = "say \"hi\"", n = 3'
expect_out "csv quoting" 's,q,n\r\n"a,b","say ""hi""",3\r\n'

run --format json -c 'print n = 1'
expect_rc "json" 0
schema='\{"Schema":\[\{"Name":"n","Type":"[A-Za-z0-9]+"\}\]'
expect_out_re "json document" "^$schema,\"Results\":\\[\\{\"n\":1\\}\\]\\}\$"

run --format ndjson -c 'print n = 1, s = "x", b = false, r = 0.5, d = dynamic({"k":[1,2]}),
    z = int(null)'
expect_out "ndjson typed values" '{"n":1,"s":"x","b":false,"r":0.5,"d":{"k":[1,2]},"z":null}\n'

run --format ndjson -c 'range i from 1 to 3 step 1'
expect_out "ndjson one object per row" '{"i":1}\n{"i":2}\n{"i":3}\n'

run --format table -c 'print n = 1, name = "abc"'
expect_out "table" 'n  name\n-  ----\n1  abc\n(1 row)\n'

run --format=csv -c 'print n = 1'
expect_out "--format=FMT" 'n\r\n1\r\n'

run --format tsv -c 'print t = datetime(2017-01-01), ts = 1h,
    dt = datetime(2016-12-31 23:59:59.9999999)'
expect_out "tsv datetime and timespan" \
    't\tts\tdt\n2017-01-01T00:00:00Z\t01:00:00\t2016-12-31T23:59:59.9999999Z\n'

finish
