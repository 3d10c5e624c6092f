#pragma once
// The client's one TLS context per run: TLS 1.2+, peer verification always on, system roots
// plus an optional extra trust anchor. There is deliberately no way to turn verification off.
#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace acgprov::io {

// Throws std::runtime_error naming the file if ca_file is given but unreadable or not PEM.
std::shared_ptr<boost::asio::ssl::context> make_client_tls_context(const std::string& ca_file);

}  // namespace acgprov::io
