#include "jobs/cli/option_table.hpp"

namespace acgprov::jobs {

namespace {

const option_group common{"every command",
                          {
                              {"--job", "FILE",
                               "options from a job file (TOML key = value); flags on the command line win over it, "
                               "and ACGPROV_* variables over its endpoint, tenant, client-id and client-secret-file"},
                              {"--log-format",
                               "F",
                               "the log on stderr: text or json (default: text on a terminal, JSON Lines otherwise)",
                               {},
                               {"text", "json"}},
                              {"--verbose", "", "log every API request, not only the failed ones", "--no-verbose"},
                              {"-h,--help", "", "this text"},
                              {"--version", "", "the version, and the Boost and OpenSSL it was built with"},
                          }};

const option_group connection{
    "connection and authentication",
    {
        {"--endpoint", "URL", "API base URL, https only (env ACGPROV_ENDPOINT)"},
        {"--api-version", "V", "the API version asked for (default 2024-02-29-preview)"},
        {"--tenant", "T", "directory tenant (env ACGPROV_TENANT, then AZURE_TENANT_ID)"},
        {"--client-id", "ID", "application (client) id (env ACGPROV_CLIENT_ID, then AZURE_CLIENT_ID)"},
        {"--client-secret-file", "FILE",
         "file holding the client secret (its first line, mode 600); else env ACGPROV_CLIENT_SECRET, then "
         "AZURE_CLIENT_SECRET. A secret is never accepted as a flag value"},
        {"--client-secret", "S", "refused: a secret on the command line is visible to every user", {}, {}, true},
        {"--client-certificate-file", "PEM",
         "authenticate with a certificate instead of a secret (a client assertion signed RS256): the certificate, "
         "and its RSA key unless --client-key-file names another file (env AZURE_CLIENT_CERTIFICATE_PATH)"},
        {"--client-key-file", "PEM", "the certificate's private key, if not in --client-certificate-file (mode 600)"},
        {"--credential",
         "C",
         "auto (default): the first one configured of a secret, a certificate and workload identity "
         "(AZURE_FEDERATED_TOKEN_FILE); managed-identity only when asked for",
         {},
         {"auto", "secret", "certificate", "workload-identity", "managed-identity"}},
        {"--managed-identity-client-id", "ID", "a user-assigned managed identity (default: system-assigned)"},
        {"--authority", "URL",
         "default https://login.microsoftonline.com (env AZURE_AUTHORITY_HOST); token URL "
         "{authority}/{tenant}/oauth2/v2.0/token"},
        {"--scope", "S", "default https://func-voiceservice-rp-prod-eastuseuap.azurewebsites.net/.default"},
        {"--ca-file", "PEM", "an extra trust anchor (acgprov-sim, a corporate CA); never disables verification"},
        {"--rate", "R",
         "requests per second over ALL API requests (writes and polls); default 1.6667 (100 per minute, the live "
         "API's limit); fractions allowed"},
        {"--burst", "B", "token bucket size (default 1: smooth pacing)"},
        {"--adaptive", "", "slow down when the server throttles (default); --no-adaptive keeps --rate fixed",
         "--no-adaptive"},
        {"--max-in-flight", "N", "requests in progress at once, 1 to 10000 (default 16)"},
        {"--request-timeout", "S",
         "deadline for one request's answer, seconds (default 60); a stalled connection then counts as a failed "
         "attempt and is retried"},
        {"--connect-timeout", "S", "deadline for TCP connect and TLS handshake, seconds (default 10)"},
        {"--proxy", "URL",
         "HTTP proxy for every HTTPS connection (CONNECT tunnel), http://host:port; '' for none. Default: env "
         "HTTPS_PROXY, else ALL_PROXY. Proxy credentials only in the variable, never here"},
        {"--no-proxy", "LIST",
         "hosts reached directly (curl's NO_PROXY: names, .domains, IPs, CIDR, *); default env NO_PROXY"},
    }};

const option_group poll{
    "polling",
    {
        {"--poll-interval", "S",
         "first wait before polling written rows, seconds (default 2); then as the sync time learned from the "
         "first settled rows says, growing 1.5x"},
        {"--poll-timeout", "S", "a row still pending after this is reported `timeout` (default 900)"},
    }};

const option_group run_files{
    "input and report",
    {
        {"--format", "F", "the format of stdin ('-'): csv, json or ndjson", {}, {"csv", "json", "ndjson"}},
        {"--report", "PATH", "one row per input row: JSON Lines (.jsonl) or CSV (.csv); required"},
        {"--summary", "PATH", "also write a JSON summary of the run (on every exit, 0 to 4)"},
        {"--metrics", "PATH", "the run's figures for node_exporter's textfile collector (Prometheus text)"},
    }};

const option_group apply_own{
    "what apply writes",
    {
        {"--write-mode",
         "M",
         "batch (default: up to 100 numbers a request, per account) or single",
         {},
         {"batch", "single"}},
        {"--max-pending", "N",
         "rows waiting for their sync before writing pauses, 1 to 100000000 (default 1000000; about 16 bytes of "
         "memory and 96 bytes of temporary file a row)"},
        {"--if-absent", "",
         "create only (If-None-Match: *): never overwrite an existing number; implies --write-mode single",
         "--no-if-absent"},
        {"--dry-run", "",
         "read, validate and print the plan; send nothing (with --prune: fetch a token and read the accounts, to "
         "list the numbers the prune would delete)",
         "--no-dry-run"},
        {"--preflight", "",
         "before an account's first row is sent, read the account (and, as rows need them, its civic addresses and "
         "Teams capability plans) and report rows it cannot take `invalid`, unsent (default)",
         "--no-preflight"},
        {"--plan", "",
         "read each account's numbers first (500 a request) and write only the rows that differ (`unchanged`); "
         "default",
         "--no-plan"},
        {"--prune", "",
         "also delete the numbers that the input's accounts hold but the input does not name (files only, not "
         "stdin); report rows with file \"(prune)\"",
         "--no-prune"},
        {"--max-deletes", "N|P%",
         "with --prune: refuse the run, before any write, if it would delete more than N numbers in all, or more "
         "than P% of any account's numbers"},
    }};

const option_group schedule{
    "scheduled runs",
    {
        {"--resume", "",
         "the report is the journal: keep it, skip the input rows it already finished (last outcome not "
         "skipped/error/timeout), append the rest. No report yet: a fresh run",
         "--no-resume"},
        {"--grace", "S",
         "on the first SIGTERM/SIGINT (or at --deadline): take no new rows, give the requests already started S "
         "seconds to end (default 30), then cut them off"},
        {"--deadline", "D",
         "stop the same way at D: a duration from now (90m, 1h30m, 5400s, 5400), an RFC 3339 time "
         "(2025-01-31T06:00:00Z), or a local clock time (06:00)"},
        {"--progress", "", "a live progress line when stderr is a terminal (default)", "--no-progress"},
    }};

const option_group resource_resume{
    "resume",
    {
        {"--resume", "",
         "continue REPORT: skip the input rows it finished (outcome other than skipped, error or timeout), append "
         "the rest",
         "--no-resume"},
    }};

const option_group accounts_own{
    "what accounts apply writes",
    {
        {"--if-absent", "", "create only (If-None-Match: *): an existing account is `conflict`", "--no-if-absent"},
        {"--on-conflict",
         "P",
         "report (default): a 412 (the account changed since its ETag was read) is re-read and reported `conflict`; "
         "overwrite: write once more with the new ETag",
         {},
         {"report", "overwrite"}},
    }};

const option_group export_output{
    "output",
    {
        {"-o,--output", "PATH",
         "write here: .csv, .json (an array) or .jsonl/.ndjson by the extension; '-' is stdout (with --format; "
         "nothing else goes there)"},
        {"--format",
         "F",
         "csv, json or jsonl (ndjson): the format, for stdout or any PATH",
         {},
         {"csv", "json", "jsonl", "ndjson"}},
    }};

const option_group export_account{"the account", {{"--account", "NAME", "the account whose records to write"}}};
const option_group numbers_account{"the account",
                                   {{"--account", "NAME", "only this account's numbers (default: every account's)"}}};
const option_group rfi_status{
    "filter", {{"--status", "S", "only RFIs with this consent status", {}, {"active", "suspended", "removed"}}}};

constexpr std::string_view run_exit_codes =
    "0 every row synced, deleted or unchanged; 1 finished, some rows not (see the report); 2 usage, configuration "
    "or unreadable input (nothing sent); 3 aborted (credentials refused, endpoint unreachable, interrupted, "
    "--deadline reached), with the report complete for every row; 4 another run holds the report's lock "
    "(REPORT.lock): nothing read, sent or written";
constexpr std::string_view export_exit_codes =
    "0 written; 1 the API refused or failed (nothing written); 2 usage; 3 aborted (credentials refused, endpoint "
    "unreachable, interrupted)";

}  // namespace

const char* const exit_codes_text =
    "0 ok; 1 finished, some rows not; 2 usage, configuration or unreadable input; 3 aborted (report complete); "
    "4 another run holds the report's lock";

const option_group& common_options() { return common; }

const std::vector<command_spec>& command_table() {
  static const std::vector<command_spec> table{
      {"apply",
       "INPUT... --endpoint URL --report PATH [options]",
       "load numbers",
       "Reads every INPUT (.csv; .json, an array or {\"value\":[...]}; .jsonl/.ndjson; '-' = stdin with "
       "--format), validates each row, and creates, replaces or deletes the numbers it names, then watches each "
       "until the API shows it synced. One report row per input row.",
       "INPUT",
       {&run_files, &apply_own, &poll, &schedule, &connection, &common},
       run_exit_codes},
      {"accounts apply",
       "INPUT... --report PATH [options]",
       "create or replace accounts",
       "Creates or replaces accounts with their service details, one report row per input row. An account whose "
       "settings already match is `unchanged` (nothing written). Each write is conditional: If-None-Match: * for a "
       "new account, else If-Match with the row's etag or the ETag read just before; then the account is watched "
       "until its backend sync ends, and the Direct Routing subdomainStatus is reported. CSV columns (any order, "
       "only name required; an empty cell leaves the field out): name, correlationId, teamsTenantId, "
       "teamsOperatorConnect.enabled, teamsOperatorConnect.syncEnabled, teamsPhoneMobile.enabled, "
       "teamsPhoneMobile.syncEnabled, teamsDirectRouting.enabled, teamsDirectRouting.syncEnabled, "
       "teamsDirectRouting.callScreening, teamsDirectRouting.subdomain, teamsDirectRouting.region1Token, "
       "teamsDirectRouting.region2Token, zoomPhoneCloudPeering.enabled, zoomPhoneCloudPeering.syncEnabled, "
       "azureOperatorCallProtection.enabled, etag. A service is part of the account when its .enabled cell is true "
       "or false (PUT replaces the whole account: a service left out is removed); .syncEnabled is then required. "
       "JSON rows are the API's AccountResource, plus an optional \"etag\".",
       "INPUT",
       {&run_files, &accounts_own, &poll, &resource_resume, &connection, &common},
       run_exit_codes},
      {"accounts export",
       "--output PATH [options]",
       "write every account (.csv, .json, .jsonl)",
       "Writes every account in accounts apply's formats (CSV without etag).",
       "",
       {&export_output, &connection, &common},
       export_exit_codes},
      {"numbers export",
       "[--account NAME] --output PATH [options]",
       "write numbers in apply's input formats",
       "Writes the numbers in exactly apply's input formats, so that applying the export changes nothing.",
       "",
       {&export_output, &numbers_account, &connection, &common},
       export_exit_codes},
      {"civic-addresses export",
       "--account NAME --output PATH [options]",
       "write an account's civic addresses",
       "Writes an account's civic addresses: CSV has one row per location, JSON the addresses as the API returns "
       "them.",
       "",
       {&export_output, &export_account, &connection, &common},
       export_exit_codes},
      {"rfi list",
       "[--status S] --output PATH [options]",
       "write the Teams requests for information",
       "Writes the RFIs (requests for information) as the API returns them; CSV has one row per RFI.",
       "",
       {&export_output, &rfi_status, &connection, &common},
       export_exit_codes},
      {"rfi update",
       "INPUT... --report PATH [options]",
       "update RFIs' customer relationship",
       "Updates the customer relationship (status, comment) of Teams requests for information: one PATCH "
       "(application/merge-patch+json) per row, watched until it is pushed to Teams; one report row per input row "
       "(the report's accountName column holds the RFI's tenantId). CSV columns: tenantId (required), status, "
       "comment; an empty cell leaves that member as it is. JSON rows: {\"tenantId\": ..., "
       "\"customerRelationship\": {\"status\": ..., \"comment\": ...}}; null removes a member; the read-only "
       "members of an RFI (as `rfi list` writes it) are ignored.",
       "INPUT",
       {&run_files, &poll, &resource_resume, &connection, &common},
       run_exit_codes},
      {"config check",
       "[--job FILE] [INPUT... --report PATH] [options]",
       "check a run's configuration and credentials; writes nothing",
       "Checks a run's configuration without writing anything: the job file, the environment (ACGPROV_ENDPOINT, "
       "ACGPROV_TENANT, ACGPROV_CLIENT_ID, ACGPROV_CLIENT_SECRET, then the Azure SDK's AZURE_* variables) and the "
       "flags (flags win). It says which credential it chose and why, and tries it. With INPUTs or --report "
       "(directly or from the job file) the whole apply command line is checked, the inputs opened and the report's "
       "folder checked; without, the connection options only. Then a token is fetched and one read-only request "
       "sent (GET /accounts, one item).",
       "INPUT",
       {&run_files, &apply_own, &poll, &schedule, &connection, &common},
       "0 ok; 2 a configuration error; 3 the identity platform or the API refused (its error is printed, e.g. "
       "invalid_client / AADSTS7000215 for a wrong secret) or is unreachable"},
  };
  return table;
}

const command_spec* find_command(std::string_view words) {
  for (const auto& c : command_table())
    if (c.words == words) return &c;
  return nullptr;
}

std::string_view long_name(const option_spec& o) {
  auto comma = o.names.rfind(',');
  return comma == std::string_view::npos ? o.names : o.names.substr(comma + 1);
}

}  // namespace acgprov::jobs
