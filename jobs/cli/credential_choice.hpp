#pragma once
// Which credential a run uses, and why: one pure decision over what is configured where, so
// that `config check` can say it and tests can pin the precedence. Flags (and the job file)
// win over ACGPROV_* variables, which win over the Azure SDK's AZURE_* ones; within the
// AZURE_* tier the order is the SDK's EnvironmentCredential's: secret, certificate, then
// workload identity. Managed identity is used only when asked for (--credential).
#include <string>

namespace acgprov::jobs {

enum class credential_kind { secret, certificate, workload_identity, managed_identity };

// What is configured, by name only (no values: nothing secret passes through here).
struct credential_sources {
  std::string requested = "auto";     // --credential
  bool secret_file_flag = false;      // --client-secret-file
  bool certificate_flag = false;      // --client-certificate-file
  bool acgprov_secret = false;        // ACGPROV_CLIENT_SECRET
  bool azure_secret = false;          // AZURE_CLIENT_SECRET
  bool azure_certificate = false;     // AZURE_CLIENT_CERTIFICATE_PATH
  bool federated_token_file = false;  // AZURE_FEDERATED_TOKEN_FILE
  bool identity_endpoint = false;     // IDENTITY_ENDPOINT and IDENTITY_HEADER both set
};

struct credential_choice {
  credential_kind kind = credential_kind::secret;
  std::string why;    // e.g. "--client-certificate-file is given"
  std::string error;  // non-empty: nothing usable (a usage error, exit 2); kind is then meaningless
};

credential_choice choose_credential(const credential_sources& s);

// "secret", "certificate", "workload identity", "managed identity".
const char* to_string(credential_kind k);
// Whether `word` is a --credential value.
bool is_credential_word(const std::string& word);

}  // namespace acgprov::jobs
