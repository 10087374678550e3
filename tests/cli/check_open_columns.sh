#!/bin/sh
# tests/cli/check_open_columns.sh — AzureDiagnostics gains a column for each
# field its resource logs send. Checking (hunt --check) a query over it,
# where no data says which columns exist, assumes the names it reads that
# carry a Log Analytics type suffix (_s, _d, _b, _t, _g), typed by it, with a
# warning naming them; other unknown names stay errors, and running the query
# over data that lacks the column assumes nothing.
set -u
. "$(dirname "$0")/common.inc"

run --memory --check -c 'AzureDiagnostics
| where ResourceType == "VAULTS" and httpStatusCode_d >= 400 and isRbacAuthorized_b
| summarize count() by identity_claim_upn_s, requestUri_s, bin(TimeGenerated, 1h)'
expect_rc "a Key Vault query over resource-log columns binds" 0
expect_err "the warning names only the columns the documented schema lacks" \
    "^hunt: warning: AzureDiagnostics gains a column for each field its resource logs send, and there is no data when checking; these are assumed to be its columns, typed by their suffix: isRbacAuthorized_b, identity_claim_upn_s$"

run --memory --check -c 'AzureDiagnostics | project-rename Added = addedAccessPolicy_ObjectId_g | project Added'
expect_rc "a column project-rename names is assumed too" 0
expect_err "and named" 'typed by their suffix: addedAccessPolicy_ObjectId_g$'

run --memory --check -c 'AzureDiagnostics | where identity_claim_upn_s > 1'
expect_rc "an assumed column has its suffix's type" 1
expect_err "a _s column is a string" "cannot compare string with long"

run --memory --check -c 'AzureDiagnostics | where Caller == "x"'
expect_rc "a name without a type suffix is not assumed" 1
expect_err "it is unknown" "unknown name 'Caller'"

run --memory --check -c 'SigninLogs | where foo_s == "x"'
expect_rc "other tables' columns are not assumed" 1
expect_err "the name is unknown there" "unknown name 'foo_s'"

run --memory -c 'AzureDiagnostics | where foo_s == "x"'
expect_rc "running over data without the column assumes nothing" 1
expect_err "the column is unknown" "unknown name 'foo_s'"

run -w "$T/ws" --load AzureDiagnostics=tests/data/azurediagnostics.ndjson -c 'AzureDiagnostics | count'
expect_rc "resource-log fields load into a workspace" 0
run -w "$T/ws" -c 'AzureDiagnostics | where httpStatusCode_d == 403 | project identity_claim_upn_s, NewNumber'
expect_rc "the workspace reopens with the columns the data added" 0
expect_out "with their values" 'identity_claim_upn_s\tNewNumber\neve@contoso.com\t6.5\n'

finish
