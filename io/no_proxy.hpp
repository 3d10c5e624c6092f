#pragma once
// NO_PROXY matching with curl's meaning (lib/noproxy.c): entries separated by commas or
// blanks; "*" matches every host; a host name matches an entry equal to it or to one of its
// parent domains ("example.com" and ".example.com" both match example.com and
// www.example.com, not notexample.com), case-insensitively, trailing dots ignored; an IP
// address matches an IP entry or a CIDR range ("10.0.0.0/8", "::1/128"), never a name. A
// ":port" on an entry is ignored: an entry names hosts, on any port. Pure.
#include <string_view>

namespace acgprov::io {

// True when `host` (a DNS name or an IP literal, IPv6 with or without brackets) is in `list`:
// connections to it go direct, not through the proxy.
bool no_proxy_matches(std::string_view list, std::string_view host);

}  // namespace acgprov::io
