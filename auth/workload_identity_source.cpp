#include "auth/workload_identity_source.hpp"

#include "auth/token_request.hpp"
#include "io/endpoint.hpp"

#include <fstream>
#include <iterator>

namespace acgprov::auth {

std::string read_federated_token(const std::string& path, std::string& why) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (in) text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) {
    why = "AZURE_FEDERATED_TOKEN_FILE " + path + ": cannot read the file";
    return {};
  }
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  if (first == std::string::npos) {
    why = "AZURE_FEDERATED_TOKEN_FILE " + path + ": the file is empty";
    return {};
  }
  return text.substr(first, last - first + 1);
}

workload_identity_source::workload_identity_source(net::any_io_executor ex,
                                                   std::shared_ptr<boost::asio::ssl::context> tls,
                                                   client_credentials creds, std::string federated_token_file,
                                                   io::proxy_settings proxy)
    : creds_(std::move(creds)),
      file_(std::move(federated_token_file)),
      client_(std::move(ex), std::move(tls), io::parse_endpoint(creds_.authority),
              {.max_idle = 2, .proxy = std::move(proxy)}) {
  creds_.client_secret.clear();
  target_ = client_.target().base_path + "/" + io::encode_path_segment(creds_.tenant) + "/oauth2/v2.0/token";
}

std::string workload_identity_source::request_body(const std::string& assertion) const {
  return "grant_type=client_credentials&client_id=" + io::encode_query_value(creds_.client_id) +
         "&scope=" + io::encode_query_value(creds_.scope) +
         "&client_assertion_type=" + io::encode_query_value("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") +
         "&client_assertion=" + io::encode_query_value(assertion);
}

awaitable<token_result<access_token>> workload_identity_source::fetch() {
  std::string url = token_url(creds_);
  std::string why;
  // Read at every fetch (not once at start): the kubelet replaces the file well before the
  // token in it expires, and a run may outlast several of them.
  std::string assertion = read_federated_token(file_, why);
  if (assertion.empty()) {
    token_error e{.refused = true, .error = "federated_token_unreadable", .description = why, .token_url = url};
    co_return e;
  }
  const workload_identity_source* self = this;  // outlives the request: it owns the client
  std::function<std::string()> body = [self, assertion] { return self->request_body(assertion); };
  // Named locals, no temporaries in the co_await expression (GCC 12, docs/CONTRIBUTING.md).
  auto result = co_await request_token(client_, target_, std::move(url), std::move(body));
  co_return result;
}

}  // namespace acgprov::auth
